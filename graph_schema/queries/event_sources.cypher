// The sources and quotes behind an event: each article that reports $event, with
// the quoted words and their character span in the article; oldest article first.
// Params: $event - an event id ('e:2024-03-05-meeting-1a2b3c4d'); the other
//         queries return event ids (who_met_whom's `meeting`, person_timeline's `event_id`).
MATCH reported = (e:Event {id: $event})-[src:REPORTED_BY]->(art:Article)
RETURN reported,
       art.outlet AS outlet, art.title AS title,
       art.published AS published, art.url AS url,
       src.quote AS quote, src.start AS start, src.end AS end,
       art.id AS article
ORDER BY art.published IS NULL, art.published, art.id, src.start
