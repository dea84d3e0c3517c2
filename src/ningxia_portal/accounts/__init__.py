"""Accounts: users, login and logout, registration, profile, account management."""


def includeme(config):
    """Views are found by the app's scan; the core learns of /principals/, the accounts'
    back-office section and the demo accounts from here."""
    from ningxia_portal.accounts.demo import load_demo_accounts
    from ningxia_portal.accounts.resources import Principals
    from ningxia_portal.accounts.sections import AccountsSection

    config.add_container("principals", Principals)
    config.add_manage_section("accounts", AccountsSection)
    # After the catalogue: the demo reviewer's grants name its centers.
    config.add_demo_loader("accounts", load_demo_accounts, order=20)
    # Step 17: /manage/accounts/ of this package's class.
    config.add_evolve_steps("ningxia_portal.accounts.evolve")
    # The second factor: unenrolled staff sent to enrol (or reminded), see second_factor.py.
    from pyramid.events import ContextFound

    from ningxia_portal.accounts.second_factor import enforce_enrolment
    from ningxia_portal.accounts.second_factor_views import banner

    config.add_subscriber(enforce_enrolment, ContextFound)
    config.add_personal_part("second_factor_banner", banner)
