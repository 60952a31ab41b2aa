// Who represented a state: the people who acted on behalf of $state, at which
// event, when and where; earliest first, undated last.
// Params: $state - an ISO 3166 alpha-3 code ('IRN'), an actor id ('a:irn') or a
//         name or alias ('Iran'), any case.
MATCH (state:Actor)
WHERE state.id = $state
   OR (state:State AND state.country = toUpper($state))
   OR toLower(state.name) = toLower($state)
   OR toLower($state) IN [alias IN coalesce(state.aliases, []) | toLower(alias)]
MATCH represented = (person:Actor)-[:REPRESENTED]->(rep:Representation)-[:ON_BEHALF_OF]->(state)
MATCH at = (rep)-[:AT]->(e:Event)
OPTIONAL MATCH (e)-[:LOCATED_IN]->(place:Location)
RETURN represented, at,
       person.name AS person, state.name AS on_behalf_of,
       e.type AS event, e.date AS date, place.name AS place,
       e.id AS event_id
ORDER BY e.date IS NULL, e.date, e.id, person.name
