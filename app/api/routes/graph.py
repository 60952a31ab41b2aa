"""The meeting network: shortest connections, ego networks and centrality (networkx)."""
from __future__ import annotations

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, HTTPException, Query, Request

from app.api.deps import ActorId, SettingsDep, StoreDep, actor_or_404
from app.api.render import Lookup, actor_ref
from app.centrality import Rankings, StillComputing
from app.problems import responses
from app.schemas.network import (
    CentralityMeasure,
    CentralityRanking,
    CentralityScore,
    EgoEdge,
    EgoNetwork,
    EgoNode,
    GraphStats,
    PathStep,
)
from app.schemas.network import (
    Connection as ConnectionOut,
)
from graph_schema.store import Connection

router = APIRouter(prefix="/graph", tags=["graph"])

ActorQuery = Annotated[str, Query(min_length=1, max_length=200, description="Actor id")]


def _path_steps(found: Connection) -> list[PathStep]:
    """The path alternates actor, event, actor, ...: name the actors, date the events."""
    steps = []
    for i, node_id in enumerate(found.path):
        if i % 2 == 0:
            actor = found.actors.get(node_id)
            steps.append(PathStep(kind="actor", id=node_id, label=actor.name if actor else node_id))
        else:
            event = found.events.get(node_id)
            label = f"{event.type} {event.date or 'undated'}" if event else node_id
            steps.append(PathStep(kind="event", id=node_id, label=label, date=event.date if event else None))
    return steps


@router.get("/connection", operation_id="get_connection", response_model=ConnectionOut,
            responses=responses(404, 422), summary="The shortest chain of shared events linking two actors")
def get_connection(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=200, examples=["a:catherine-colonna"])],
    target: Annotated[str, Query(min_length=1, max_length=200, examples=["a:anna-keller"])],
    max_hops: Annotated[int, Query(ge=1, le=10, description="Most events along the path")] = 6,
) -> ConnectionOut:
    found = store.connection(source, target, max_hops=max_hops)
    for actor_id, actor in ((source, found.source), (target, found.target)):
        if actor is None:
            raise HTTPException(404, f"no actor with id {actor_id!r}")
    return ConnectionOut(source=actor_ref(found.source), target=actor_ref(found.target), found=bool(found.path),
                         hops=len(found.path) // 2, path=_path_steps(found))


@router.get("/ego/{actor_id}", operation_id="get_ego_network", response_model=EgoNetwork,
            responses=responses(404, 422), summary="The actors within `radius` meetings of an actor, and their ties")
def get_ego_network(
    store: StoreDep, actor_id: ActorId,
    radius: Annotated[int, Query(ge=1, le=3, description="How many meetings away")] = 1,
) -> EgoNetwork:
    center = actor_or_404(store, actor_id)
    network = store.meeting_network()
    distance = nx.single_source_shortest_path_length(network, actor_id, cutoff=radius) if actor_id in network \
        else {actor_id: 0}
    ego = network.subgraph(distance)
    lookup = Lookup(store)
    lookup.actors(distance)
    nodes = sorted((EgoNode(actor=lookup.actor_ref(n), distance=d) for n, d in distance.items()),
                   key=lambda n: (n.distance, n.actor.id))
    edges = sorted((EgoEdge(source=min(a, b), target=max(a, b), meetings=int(data.get("weight", 1)))
                    for a, b, data in ego.edges(data=True)), key=lambda e: (e.source, e.target))
    return EgoNetwork(center=actor_ref(center), radius=radius, nodes=nodes, edges=edges)


@router.get("/centrality", operation_id="get_centrality", response_model=CentralityRanking,
            responses=responses(422), summary="Actors ranked by centrality in the meeting network")
def get_centrality(
    request: Request, store: StoreDep, settings: SettingsDep,
    by: Annotated[CentralityMeasure, Query(description="The measure to rank by")] = CentralityMeasure.DEGREE,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> CentralityRanking:
    rankings: Rankings = request.app.state.rankings
    try:
        ranking = rankings.get(store.meeting_network(), by, limit, wait_s=settings.query_timeout_s)
    except StillComputing as exc:
        raise HTTPException(503, f"{exc}; try again shortly", headers={"Retry-After": "10"}) from exc
    lookup = Lookup(store)
    lookup.actors(s.actor for s in ranking.scores)
    items = [CentralityScore(actor=lookup.actor_ref(s.actor), degree=s.degree, meetings=s.meetings,
                             betweenness=s.betweenness, closeness=s.closeness, eigenvector=s.eigenvector)
             for s in ranking.scores]
    return CentralityRanking(by=by, node_count=ranking.node_count, edge_count=ranking.edge_count,
                             approximate=ranking.approximate, items=items)


@router.get("/stats", operation_id="get_graph_stats", response_model=GraphStats, responses=responses(),
            summary="How many articles, actors, events, places and facts the graph holds")
def get_graph_stats(store: StoreDep) -> GraphStats:
    return GraphStats(counts=store.counts())
