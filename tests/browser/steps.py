"""Steps a person takes in the browser that need a wait Playwright does not add by itself."""


def follow(page, target) -> None:
    """Clicks a link or button and waits for the page it leads to, so what is read next is
    the new page and not the old one."""
    with page.expect_navigation():
        target.click()


def download(page, link) -> bytes:
    """Clicks a download link and returns the bytes of the file the browser saved."""
    with page.expect_download() as started:
        link.click()
    with open(started.value.path(), "rb") as saved:
        return saved.read()
