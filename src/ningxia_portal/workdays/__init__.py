"""Working days (工作日): the State Council's holiday arrangements, the law's holidays computed
for a year not published yet, and the admins' overrides at /manage/calendar. Time limits of
filings (and later appointments) count them through ``workdays.calendar``."""


def includeme(config):
    """Views are found by the app's scan; the core learns of the back-office section here."""
    from ningxia_portal.workdays.resources import CalendarSection

    config.add_manage_section("calendar", CalendarSection)
    config.add_request_method(
        "ningxia_portal.workdays.calendar.request_calendar", "work_calendar", reify=True
    )
    # Step 19: /manage/calendar/ in databases made before it.
    config.add_evolve_steps("ningxia_portal.workdays.evolve")
