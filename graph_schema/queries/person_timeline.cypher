// A person's timeline: every event $person took part in, earliest first (undated
// last), with the role, the state represented there and the place.
// Params: $person - an actor id ('a:jane-doe') or a name or alias ('Jane Doe'), any case.
MATCH (person:Actor)
WHERE person.id = $person
   OR toLower(person.name) = toLower($person)
   OR toLower($person) IN [alias IN coalesce(person.aliases, []) | toLower(alias)]
MATCH took_part = (person)-[p:PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH for_state = (person)-[:REPRESENTED]->(rep:Representation)-[:ON_BEHALF_OF]->(state:Actor)
  WHERE EXISTS { (rep)-[:AT]->(e) }
OPTIONAL MATCH at = (e)-[:LOCATED_IN]->(place:Location)
RETURN took_part, for_state, at,
       e.date AS date, e.type AS event, p.role AS role,
       state.name AS on_behalf_of, place.name AS place,
       e.id AS event_id
ORDER BY e.date IS NULL, e.date, e.id
