-- A webhook may be routed to one owner: `budget=NAME`, or a scope term such as `tag:team=payments`
-- or `catalog-service=checkout`; it then receives only the alerts of budgets that match. NULL keeps
-- the webhook a catch-all, as every webhook was before.
ALTER TABLE webhooks ADD COLUMN route VARCHAR;
