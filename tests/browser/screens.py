"""The two window sizes the browser tests use, and a page's width on a phone."""

DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 375, "height": 800}


def width_on_a_phone(page) -> int:
    """The page's full width once the window is a phone's and its charts have redrawn."""
    page.set_viewport_size(PHONE)
    width = page.evaluate(PHONE_WIDTH)
    page.set_viewport_size(DESKTOP)
    return width


# plotly redraws a chart a moment after the window resizes: wait up to two seconds for the
# charts to fit; a chart that never does still shows in the width.
PHONE_WIDTH = """async () => {
  const fit = () => [...document.querySelectorAll("[data-chart] .main-svg")]
    .every(svg => svg.getBoundingClientRect().right <= window.innerWidth);
  for (let tries = 0; tries < 20 && !fit(); tries++) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return document.documentElement.scrollWidth;
}"""


def fits_a_phone(page) -> bool:
    """The page does not scroll sideways in a phone's window."""
    return width_on_a_phone(page) <= PHONE["width"]
