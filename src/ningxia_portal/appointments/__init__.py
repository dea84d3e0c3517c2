"""Appointments (网上预约): book a slot of a department, staff approve or decline with a
reply, the enterprise cancels until the slot begins; 我的预约, the staff's queue by day, the
home page's 预约信息, the departments' slots in the back office. Views are found by the
app's scan."""

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions


def includeme(config):
    from ningxia_portal.appointments.demo import load_demo_appointments
    from ningxia_portal.appointments.home import (
        appointments_block,
        book_available,
        nav_available,
        nav_title,
        waiting_count,
    )
    from ningxia_portal.appointments.resources import Appointments, AppointmentSlotsSection
    from ningxia_portal.indexing.discriminators import Attr
    from ningxia_portal.indexing.fields import FieldsIndex
    from ningxia_portal.indexing.lists import ListIndex

    config.add_container("appointments", Appointments)
    config.add_manage_section("appointments", AppointmentSlotsSection)
    config.add_evolve_steps("ningxia_portal.appointments.evolve")  # step 20
    # After the accounts and the filings: the demo enterprise owns them.
    config.add_demo_loader("appointments", load_demo_appointments, order=50)
    # Each enterprise's appointments, the approved ones to come, each department's and
    # center's queue (Appointment.catalog_lists); the text the keyword matches.
    config.add_catalog_index("appointment_lists", lambda: ListIndex(Attr("catalog_lists")))
    config.add_catalog_index("appointment_text", lambda: FieldsIndex(Attr("search_fields")))
    config.add_static_view(
        "appointments_static", "ningxia_portal.appointments:static/", cache_max_age=3600
    )
    # 在线预约 on every item page (for enterprises, and visitors, who log in first).
    config.add_item_action(
        "appointment",
        _("Book an appointment"),
        view_name="appointment",
        order=20,
        available=book_available,
        css_class="btn-outline-primary",
    )
    config.add_home_tool(
        "appointments",
        _("Online appointments"),
        path="appointments/new",
        order=30,
        permission=Permissions.FILE,
    )
    config.add_nav_link(
        "appointments",
        nav_title,
        path="appointments/",
        order=30,
        available=nav_available,
        count=waiting_count,
        content_types=("Appointment",),  # the count reads their lists
    )
    config.add_home_block(
        "my_appointments",
        "ningxia_portal:appointments/templates/home_block.jinja2",
        data=appointments_block,
        order=12,
        content_types=("Appointment",),  # kept per viewer until one changes
    )
    # Each move by someone else writes the owner a message (and a mail): messages/.
    from ningxia_portal.appointments.messages import describe_move

    config.add_message_source("appointment", describe_move)
