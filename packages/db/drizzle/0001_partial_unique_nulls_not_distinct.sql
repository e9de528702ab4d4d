-- Partial unique indexes with NULLS NOT DISTINCT (PostgreSQL 15+). drizzle-orm can declare a
-- partial unique index or a NULLS NOT DISTINCT unique constraint, but not both at once, so these
-- two live here instead of in src/schema (see the comments on kidPointTransactions and voices).

-- Each point-earning event (reason + ref id) is credited once per kid; a NULL ref_id counts as a
-- value, so ref-less events of one reason also earn once. Manual adjustments are exempt.
CREATE UNIQUE INDEX "kid_point_transactions_event_uidx" ON "kid_point_transactions" USING btree ("kid_id","reason","ref_id") NULLS NOT DISTINCT WHERE reason <> 'adjustment';--> statement-breakpoint
-- A user registers a given ElevenLabs voice once (VOICE-02 returns the existing row). System voices
-- are exempt (catalogue_key is their identity). Rows without an ElevenLabs id are exempt too: an
-- upload made while ElevenLabs is not configured has none (VOICE-01), and a user may have several.
CREATE UNIQUE INDEX "voices_user_id_eleven_labs_voice_id_uidx" ON "voices" USING btree ("user_id","eleven_labs_voice_id") NULLS NOT DISTINCT WHERE type <> 'system' AND eleven_labs_voice_id IS NOT NULL;
