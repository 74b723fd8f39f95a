-- People killed and wounded, as each event's text counts them (NULL where it gives no count).
ALTER TABLE events ADD COLUMN killed INTEGER;
ALTER TABLE events ADD COLUMN wounded INTEGER;
