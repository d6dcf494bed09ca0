-- Version 10: sessions that can be ended and accounts that can be stopped. A user's security stamp is copied into
-- every sign-in cookie and compared on each request, so a new stamp (logout, password or role change, disabling)
-- ends every session signed in before it. An empty stamp (users created before this version) is a valid stamp
-- until the first change. must_change_password marks a password someone else chose (the generated first admin's).

ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
