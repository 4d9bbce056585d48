"""``melihub sandbox``: serve the Mercado Livre sandbox."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Bind address.")
@click.option("--port", type=int, default=8001, show_default=True)
@click.option(
    "--scenario",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Scenario folder (default: the reference fixture world).",
)
@click.option("--callback-url", default=None, help="Where notifications are POSTed (the app's webhook).")
@click.option("--generate", type=int, default=None, help="Generate a synthetic world of N orders instead.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of --generate.")
@click.option("--time-scale", type=float, default=1.0, show_default=True, help="Multiplies notification retry delays.")
@click.option("--client-id", default=None, help="Only accept this client id (default: the scenario's app id).")
@click.option("--client-secret", default=None, help="Only accept this client secret (default: any).")
@click.option("--redirect-uri", default=None, help="Only accept this redirect URI (default: any http(s) URI).")
@click.option(
    "--rebase-clock",
    is_flag=True,
    default=False,
    help="shift the world's dates so its 'now' is the real now (the demo uses it)",
)
@click.option("--rate-limit", "rate_limit_per_s", type=float, default=1000.0, show_default=True, help="Req/s per app.")
def sandbox(
    host: str,
    port: int,
    scenario: Path | None,
    callback_url: str | None,
    generate: int | None,
    seed: int,
    time_scale: float,
    client_id: str | None,
    client_secret: str | None,
    redirect_uri: str | None,
    rebase_clock: bool,
    rate_limit_per_s: float,
) -> None:
    """Run the Mercado Livre API sandbox (OAuth, resources, notifications, faults)."""
    import uvicorn

    from melihub.sandbox.app import create_app

    app = create_app(
        scenario,
        generate=generate,
        seed=seed,
        rebase_clock=rebase_clock,
        callback_url=callback_url,
        time_scale=time_scale,
        client_id=client_id,
        client_secret=client_secret,
        redirect_uri=redirect_uri,
        rate_limit_per_s=rate_limit_per_s,
    )
    click.echo(f"Mercado Livre sandbox on http://{host}:{port} (admin: /_sandbox/stats)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
