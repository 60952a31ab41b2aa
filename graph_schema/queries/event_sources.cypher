// The sources and quotes behind an event: each article that reports $event, with
// the quoted words and their character span in the article; oldest article first.
// Params: $event - an event id ('e:2024-03-05-meeting-1a2b3c4d'); the other
//         queries return event ids (who_met_whom's `meeting`, person_timeline's `event_id`).
MATCH reported = (e:Event {id: $event})-[src:REPORTED_BY]->(article:Article)
RETURN reported,
       article.outlet AS outlet, article.title AS title,
       article.published AS published, article.url AS url,
       src.quote AS quote, src.start AS start, src.end AS end,
       article.id AS article
ORDER BY article.published IS NULL, article.published, article.id, src.start
