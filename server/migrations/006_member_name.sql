-- The name a person gives when they join with an invite code made without an email (a shared code): the email
-- they give is their identity in the team, the name is only shown beside it. NULL for members invited by email.
ALTER TABLE members ADD COLUMN name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 200);
