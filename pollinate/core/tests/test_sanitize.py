from pollinate.core.sanitize import clean_html


def test_scripts_handlers_and_javascript_links_are_removed():
    dirty = '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a></p>'
    assert clean_html(dirty) == '<p>Hi <a rel="noopener noreferrer nofollow">x</a></p>'


def test_simple_formatting_and_links_survive():
    assert clean_html('<p><strong>Yes</strong> <a href="https://example.org">see</a></p>') == (
        '<p><strong>Yes</strong> <a href="https://example.org" rel="noopener noreferrer nofollow">see</a></p>'
    )
