"""Timeline: the dated events of timeline.yml as a vertical timeline, grouped by day.

    events.py   timeline.yml: events with dates of day, month or year precision, checked
    render.py   the timeline's Markdown (with [@key] citations), in the site's language
"""
