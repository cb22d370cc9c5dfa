import type { SendPreview } from '../../../../shared/ipc/send';

/**
 * Exactly what the gate would send: the headers (List-Unsubscribe included) and both bodies with the footer.
 * The HTML is shown in an iframe with an empty `sandbox`: no scripts, no forms, no navigation of this window.
 */
export function MessagePreview({ message }: { message: NonNullable<SendPreview['message']> }) {
  return (
    <div className="message-preview">
      <table className="header-table" aria-label="Headers">
        <tbody>
          {message.headers.map(([name, value], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; their order is the key.
            <tr key={i}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>HTML part</h3>
      <iframe className="html-preview" title="HTML part of the email" sandbox="" srcDoc={message.html} />
      <h3>Plain-text part</h3>
      <pre className="text-preview" data-testid="text-part">
        {message.text}
      </pre>
    </div>
  );
}
