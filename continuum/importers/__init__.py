"""Open Referral UK import: `oruk` reads a feed into plain records, `store` writes them."""
