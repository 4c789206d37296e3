-- Demo stays demo. Before agencies could be created in the product, every agency in a database came
-- from the demo loader: mark the demo catalogue's agencies as demo, and take the demo admin out of
-- any other agency (earlier starts made it admin of every agency).
UPDATE agency SET is_demo = true
WHERE slug IN ('politiet', 'oslo-politidistrikt', 'vest-politidistrikt', 'helse-og-omsorgsdepartementet', 'helsedirektoratet', 'polismyndigheten')
  AND EXISTS (SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.agency_id = agency.id AND u.email = 'admin@demo.kanalmaaling.test');

DELETE FROM membership
WHERE user_id IN (SELECT id FROM app_user WHERE email = 'admin@demo.kanalmaaling.test')
  AND agency_id IN (SELECT id FROM agency WHERE NOT is_demo);
