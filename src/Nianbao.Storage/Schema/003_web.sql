-- Version 3: what the web application needs. The text a source was read as (so a reviewer can see the lines a
-- cell's provenance points to), the users who may write, and API tokens for scripts. {blob} is BLOB / BYTEA.

CREATE TABLE source_texts (
  source_id {ref} PRIMARY KEY REFERENCES sources(id),
  text_gz {blob} NOT NULL                 -- the layout text (LayoutDocument.Text), gzip: provenance line numbers refer to it
);

CREATE TABLE users (
  id {id},
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,            -- ASP.NET Core Identity's PasswordHasher (PBKDF2), never the password
  role TEXT NOT NULL,                     -- 'reviewer' or 'admin'
  created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  token_sha256 TEXT PRIMARY KEY,          -- the token itself is shown once and never stored
  user_id {ref} NOT NULL REFERENCES users(id),
  label TEXT,
  created_at TEXT NOT NULL
);
