from types import SimpleNamespace

from pyramid import testing

from ningxia_portal.web.nav import nav_links


def _request(config, identity):
    return SimpleNamespace(
        registry=config.registry,
        identity=identity,
        application_url="http://example.com",
        localizer=SimpleNamespace(translate=lambda s: f"«{s}»"),
    )


def test_links_are_ordered_filtered_translated_and_counted():
    with testing.testConfig() as config:
        config.include("ningxia_portal.web.nav")
        config.add_nav_link("b", "Queue", "b/", order=20, count=lambda r: 3)
        config.add_nav_link("a", lambda r: f"Mine {r.identity.kind}", "a/", order=10)
        config.add_nav_link("c", "Hidden", "c/", available=lambda r: False)
        config.commit()
        staff = _request(config, SimpleNamespace(kind="staff"))
        assert nav_links(staff) == [
            ("«Mine staff»", "http://example.com/a/", None),
            ("«Queue»", "http://example.com/b/", 3),
        ]
        assert nav_links(_request(config, None)) == []  # anonymous pages stay cacheable
