"""RFC 9457 problem details: the body of every error response."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FieldError(BaseModel):
    location: str = Field(description="Where the bad value is, e.g. `query.limit`", examples=["query.limit"])
    message: str = Field(examples=["Input should be less than or equal to 200"])
    type: str = Field(examples=["less_than_equal"])


class Problem(BaseModel):
    """An error, as `application/problem+json` (RFC 9457)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "type": "about:blank", "title": "Not Found", "status": 404,
        "detail": "no actor with id 'a:nobody'", "instance": "/v1/actors/a:nobody"}]})

    type: str = Field(default="about:blank", description="A URI reference naming the kind of problem")
    title: str = Field(description="Short summary of the kind of problem")
    status: int = Field(ge=400, le=599)
    detail: str | None = Field(default=None, description="What went wrong this time")
    instance: str | None = Field(default=None, description="The request path")
    errors: list[FieldError] | None = Field(default=None, description="The invalid inputs (validation problems)")
