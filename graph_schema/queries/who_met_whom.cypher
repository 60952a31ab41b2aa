// Who met whom: every pair of actors who took part in the same meeting, the state
// each one represented there (when the articles say so), the date and the place.
// A person is not paired with the state they represented at that meeting.
// In Browser the first four columns draw the meeting, its people, their states
// and where it happened.
// Params: none.
MATCH met = (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id < b.id
OPTIONAL MATCH for_a = (a)-[:REPRESENTED]->(ra:Representation)-[:ON_BEHALF_OF]->(state_a:Actor)
  WHERE EXISTS { (ra)-[:AT]->(m) }
OPTIONAL MATCH for_b = (b)-[:REPRESENTED]->(rb:Representation)-[:ON_BEHALF_OF]->(state_b:Actor)
  WHERE EXISTS { (rb)-[:AT]->(m) }
WITH * WHERE (state_a IS NULL OR state_a <> b) AND (state_b IS NULL OR state_b <> a)  // not "X met the state X speaks for"
OPTIONAL MATCH at = (m)-[:LOCATED_IN]->(place:Location)
RETURN met, for_a, for_b, at,
       m.date AS date, place.name AS place,
       a.name AS actor, state_a.name AS on_behalf_of,
       b.name AS met_with, state_b.name AS met_on_behalf_of,
       m.id AS meeting
ORDER BY m.date IS NULL, m.date, m.id, a.name, b.name
