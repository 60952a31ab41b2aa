// diplograph graph schema for Neo4j 5.26. Idempotent: every statement has IF NOT EXISTS.
// Applied by graph_schema/schema.py (`apply_schema`) when a Neo4jStore first talks to the database.
// Statements are separated by semicolons at line ends.

// Unique ids (each constraint also gives a range index on the id).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT representation_id IF NOT EXISTS FOR (n:Representation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT conflict_id IF NOT EXISTS FOR (n:Conflict) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT extraction_id IF NOT EXISTS FOR (n:Extraction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT store_lock_name IF NOT EXISTS FOR (n:StoreLock) REQUIRE n.name IS UNIQUE;

// Look-ups the API and the stores' reads use.
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_kind_country IF NOT EXISTS FOR (n:Actor) ON (n.kind, n.country);
CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date);
CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name);
CREATE INDEX location_kind_country IF NOT EXISTS FOR (n:Location) ON (n.kind, n.country);
CREATE INDEX conflict_subject IF NOT EXISTS FOR (n:Conflict) ON (n.subject);

// Typo-tolerant name search: names and aliases, normalised (case, accents, punctuation) into one text.
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.search_text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};

// An actor's meetings page, read in listing order straight from an index (see stores/neo4j/writes.py:
// meeting keys are actor id, date and event id in one string; null on other events, so not indexed).
CREATE INDEX participation_meeting_key IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.meeting_key);
CREATE INDEX participation_meeting_rep_key IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.meeting_rep_key);

// Representations paged in listing order from an index (keyset paging, issue 16): all of them, a state's, a
// person's (see stores/neo4j/writes.py: representation_keys). A store written before them gets its keys
// when these indexes are first created (stores/neo4j/backfill.py).
CREATE INDEX representation_key IF NOT EXISTS FOR (n:Representation) ON (n.key);
CREATE INDEX representation_state_key IF NOT EXISTS FOR (n:Representation) ON (n.state_key);
CREATE INDEX representation_person_key IF NOT EXISTS FOR (n:Representation) ON (n.person_key);

// An actor's counterparts paged in listing order from an index (most shared meetings first; see
// stores/neo4j/writes.py: counterpart_key). A store written before them lists counterparts by counting
// shared meetings until its next write adds them.
CREATE INDEX met_key IF NOT EXISTS FOR ()-[r:MET]-() ON (r.key);

// An actor's timeline (events of any type) paged the same way as its meetings, from keys on every participation.
CREATE INDEX participation_event_key IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.event_key);
CREATE INDEX participation_event_rep_key IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.event_rep_key);

// A state's representatives and the states a person represented, paged the same way (most events first).
CREATE INDEX has_representative_key IF NOT EXISTS FOR ()-[r:HAS_REPRESENTATIVE]-() ON (r.key);
CREATE INDEX represented_state_key IF NOT EXISTS FOR ()-[r:REPRESENTED_STATE]-() ON (r.key);
