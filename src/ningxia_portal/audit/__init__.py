"""The audit log (审计日志): who did what, when and from which address — logins, second
factors, roles, accounts, the calendar, settings and every workflow move — appended to
``/manage/audit/`` in the request's own transaction, searched and exported by admins, and
changed by nobody. Views are found by the app's scan."""


def includeme(config):
    from ningxia_portal.audit.recording import on_audited, on_transitioned
    from ningxia_portal.audit.resources import AuditLog
    from ningxia_portal.core.events import Audited
    from ningxia_portal.workflow import WorkflowTransitioned

    config.add_manage_section("audit", AuditLog)
    config.add_evolve_steps("ningxia_portal.audit.evolve")  # step 29
    config.add_subscriber(on_audited, Audited)
    config.add_subscriber(on_transitioned, WorkflowTransitioned)
