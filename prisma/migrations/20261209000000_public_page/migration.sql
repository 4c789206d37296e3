-- An agency admin may publish a transparency page (/public/<slug>): aggregate figures only, off by default.
ALTER TABLE agency ADD COLUMN public_page boolean NOT NULL DEFAULT false;
