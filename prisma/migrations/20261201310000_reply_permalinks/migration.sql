-- Citizens' reply links without their handles, as lib/ingest/replies.ts citizenPermalink() now
-- stores them. Only reply.permalink changes; a link that cannot be rebuilt without the handle is
-- dropped (the reply itself, its text and its platform id stay).

-- X: https://x.com/<handle>/status/<id> → https://x.com/i/web/status/<id>
UPDATE reply r
SET permalink = 'https://x.com/i/web/status/' || substring(r.permalink FROM '/status(?:es)?/([0-9]+)(?:[/?#].*)?$')
FROM account a
WHERE a.id = r.account_id AND a.platform = 'twitter'
  AND r.permalink ~ '/status(es)?/[0-9]+([/?#].*)?$';
UPDATE reply r SET permalink = NULL
FROM account a
WHERE a.id = r.account_id AND a.platform = 'twitter'
  AND r.permalink IS NOT NULL AND r.permalink !~ '^https://x\.com/i/web/status/[0-9]+$';

-- Mastodon: https://<instance>/@<user>/<id> (or /users/<user>/statuses/<id>) → https://<instance>/statuses/<id>
UPDATE reply r
SET permalink = regexp_replace(r.permalink, '^(https://[^/@[:space:]]+)/(@[^/[:space:]]+|users/[^/[:space:]]+/statuses)/([0-9]+)$', '\1/statuses/\3')
FROM account a
WHERE a.id = r.account_id AND a.platform = 'mastodon'
  AND r.permalink ~ '^https://[^/@[:space:]]+/(@[^/[:space:]]+|users/[^/[:space:]]+/statuses)/[0-9]+$';
UPDATE reply r SET permalink = NULL
FROM account a
WHERE a.id = r.account_id AND a.platform = 'mastodon' AND r.permalink ~ '/@|/users/';

-- Bluesky: the link is rebuilt with the author's DID from the post's at:// URI (a handle can change hands).
UPDATE reply r
SET permalink = CASE
  WHEN r.platform_reply_id ~ '^at://did:[a-z]+:[A-Za-z0-9._:%-]+/app\.bsky\.feed\.post/[A-Za-z0-9._~-]+$'
  THEN 'https://bsky.app/profile/' || split_part(substr(r.platform_reply_id, 6), '/', 1) || '/post/' || split_part(substr(r.platform_reply_id, 6), '/', 3)
  END
FROM account a
WHERE a.id = r.account_id AND a.platform = 'bluesky' AND r.permalink IS NOT NULL;
