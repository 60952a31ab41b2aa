// Meetings at a place, with everything within it: meetings located at $place or at
// any place inside it (a venue in a district in a city in a country), with who
// took part. Asking for a country finds meetings in its cities and venues.
// Params: $place - a location id ('l:irq') or a name or alias ('Iraq'), any case.
MATCH (area:Location)
WHERE area.id = $place
   OR toLower(area.name) = toLower($place)
   OR toLower($place) IN [alias IN coalesce(area.aliases, []) | toLower(alias)]
MATCH at = (m:Meeting)-[:LOCATED_IN]->(:Location)-[:WITHIN*0..8]->(area)
WITH m, head(collect(at)) AS at
OPTIONAL MATCH took_part = (actor:Actor)-[:PARTICIPATED_IN]->(m)
WITH m, at, took_part, actor ORDER BY actor.name
WITH m, at, collect(took_part) AS took_part, collect(actor.name) AS participants
RETURN at, took_part,
       m.date AS date, nodes(at)[1].name AS located_in, participants,
       m.id AS meeting
ORDER BY m.date IS NULL, m.date, m.id
