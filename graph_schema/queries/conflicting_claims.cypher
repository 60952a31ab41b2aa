// Conflicting claims: where the sources disagree about an actor or an event (a
// title, a country, a date, a place), the value kept, the other value, and the
// articles and quotes on record.
// Params: none.
MATCH about = (c:Conflict)-[:ABOUT]->(subject)
RETURN about,
       subject.id AS subject,
       coalesce(subject.name, subject.type + ' ' + coalesce(subject.date, 'undated')) AS about_what,
       c.field AS field, c.kept AS kept, c.other AS other,
       c.evidence_articles AS articles, c.evidence_quotes AS quotes
ORDER BY subject, field, kept, other
