// Setup steps a rep follows outside Fairsend, shown where they are needed (docs/mailboxes.md has the long form).

/** Making a DKIM key and publishing it, for an SMTP mailbox on a domain its provider does not sign for. */
export function DkimSteps() {
  return (
    <details className="setup-steps">
      <summary>How to make a key and publish it</summary>
      <ol>
        <li>
          Make a key pair:{' '}
          <code>openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim-private.pem</code> then{' '}
          <code>
            openssl pkey -in dkim-private.pem -pubout -outform DER | base64 -w0 &gt; dkim-public.b64
          </code>
        </li>
        <li>
          Choose a selector, for example <code>fs1</code>, and add a TXT record at{' '}
          <code>fs1._domainkey.yourdomain.com</code> with the value{' '}
          <code>v=DKIM1; k=rsa; p=&lt;contents of dkim-public.b64&gt;</code>
        </li>
        <li>Make sure your domain's SPF record names your SMTP server and that it has a DMARC record.</li>
        <li>Enter the selector below and paste the contents of dkim-private.pem.</li>
      </ol>
    </details>
  );
}

/** Creating the team's own Google and Microsoft sign-in clients (done once per team). */
export function OAuthClientSteps() {
  return (
    <details className="setup-steps">
      <summary>How to create the sign-in clients</summary>
      <p>Google (Gmail, Google Workspace):</p>
      <ol>
        <li>In console.cloud.google.com, create a project and enable the Gmail API.</li>
        <li>
          On the OAuth consent screen choose Internal (or External in Testing, with each rep as a test user)
          and add the scopes gmail.send and gmail.readonly.
        </li>
        <li>Under Credentials, create an OAuth client id of type Desktop app.</li>
        <li>Paste its client id and client secret here.</li>
      </ol>
      <p>Microsoft (Outlook, Microsoft 365):</p>
      <ol>
        <li>In entra.microsoft.com, open App registrations and make a new registration named Fairsend.</li>
        <li>
          Add the redirect URI http://localhost for “Public client/native”, and turn on “Allow public client
          flows”.
        </li>
        <li>
          Add the delegated Microsoft Graph permissions Mail.Send, Mail.Read, User.Read and offline_access.
        </li>
        <li>Paste the Application (client) id here, with your tenant (or common).</li>
      </ol>
    </details>
  );
}
