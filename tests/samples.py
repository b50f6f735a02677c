"""Small scenarios shared by several test modules."""

#: Zelensky comes only if Putin does (11 May); Putin is observed absent (14 May).
TWO_LEADERS = """
[scenario]
name = "two leaders"

[[actors]]
id = "putin"
[[actors]]
id = "zelensky"

[[events]]
id = "talks"

[[statements]]
id = "z_only_if_putin"
kind = "only_if"
by = "zelensky"
said = 2025-05-11
quote = "I will wait for Putin in Turkey."
subject = "attends(zelensky, talks)"
condition = "attends(putin, talks)"

[[statements]]
id = "kremlin_list"
kind = "observed"
said = 2025-05-14
subject = "absent(putin, talks)"

[[outcomes]]
id = "leaders_meet"
when = "attends(putin, talks) and attends(zelensky, talks)"
"""
