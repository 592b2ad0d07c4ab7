"""Pure functions that read what people write: mail, replies, minutes, deadlines."""
