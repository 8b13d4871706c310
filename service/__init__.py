"""Paperwork service: Ukrainian and English documents for children returned to Ukraine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def create_app(settings: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, then overrides, then each component, then routes."""
    from service import cli, inputs, logs, observability, web
    from service.access import limits
    from service.access.tokens import AccessStore
    from service.access.users import UserStore
    from service.api import api_blueprint, problems
    from service.config import load_settings, warn_if_public_url_differs
    from service.documents import DocumentPipeline
    from service.health import health_blueprint
    from service.issuing import DocumentIssuer, RenderPool
    from service.jobs import JobService
    from service.public import verification_pages
    from service.schemas.case import load_case_data
    from service.schemas.institutions import load_institution
    from service.schemas.people import upgrade_case_data
    from service.storage import Storage
    from service.verification import DocumentSigner, signing_settings

    app = Flask(__name__)
    app.config.update(load_settings())
    app.config.update(settings or {})

    logs.configure_logging(
        app.config["LOG_LEVEL"],
        json_lines=app.config["JSON_LOGS"],
        filters=[observability.RequestIdFilter()],
    )
    if app.config["PROXY_COUNT"]:  # the client's address (rate limits) as the proxy saw it
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    observability.init_app(app)
    problems.init_app(app)
    inputs.init_app(app)  # before anything reads the request (the database, the limits, ...)
    # Under gunicorn the bind is known later: service.gunicorn_config.when_ready checks it.
    warn_if_public_url_differs(app.config["PUBLIC_URL"], cli.served_by_flask_run())

    pipeline = DocumentPipeline(app.config["TEMPLATES_DOCX_DIR"], app.config["TEMPLATES_PDF_DIR"])
    pool = RenderPool(
        pipeline,
        workers=app.config["RENDER_WORKERS"],
        budget_seconds=app.config["RENDER_BUDGET_SECONDS"],
        max_tasks_per_child=app.config["RENDER_MAX_TASKS"],
        json_logs=app.config["JSON_LOGS"],
    )
    signing = signing_settings(app.config)
    signer = DocumentSigner(signing) if signing is not None else None
    storage = Storage(
        database_url=app.config["DATABASE_URL"],
        documents_dir=app.config["DOCUMENTS_DIR"],
        data_keys=app.config["DATA_KEYS"],
        key_file=app.config["DATA_KEY_FILE"],
        load_case=load_case_data,
        upgrade_case=upgrade_case_data,
        load_institution=load_institution,
        sealed=signer is not None,
        public_url=app.config["PUBLIC_URL"],
        document_store=app.config["DOCUMENT_STORE"],
    )
    issuer = DocumentIssuer(
        storage,
        pipeline,
        pool,
        signer=signer,
        public_url=app.config["PUBLIC_URL"],
        issuer_name=app.config["ISSUER_NAME"],
    )
    app.extensions.update(
        document_pipeline=pipeline, render_pool=pool, storage=storage, issuer=issuer, signer=signer
    )
    app.extensions["jobs"] = JobService(app.config, issuer)
    if cli.served_by_flask_run():  # gunicorn starts it in each worker (post_worker_init)
        app.extensions["jobs"].start_sweeper()
    app.extensions["access"] = AccessStore(lambda: storage.database)
    app.before_request(storage.begin_request)
    app.teardown_request(storage.end_request)
    limiter = limits.init_app(app)
    web.init_app(app, UserStore(lambda: storage.database))
    login_limit = limiter.limit(app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
    # Flask-Limiter's decorator is typed to return a plain callable, not a Flask view.
    app.view_functions["web.login"] = login_limit(app.view_functions["web.login"])  # type: ignore[assignment]  # see above
    cli.init_app(app)

    app.register_blueprint(health_blueprint)
    app.register_blueprint(api_blueprint)
    app.register_blueprint(verification_pages)
    return app
