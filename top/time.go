package top

import "time"

// TimeLayout is how TOP writes a Date: "yyyy-MM-dd HH:mm:ss" in GMT+8.
const TimeLayout = "2006-01-02 15:04:05"

// CST is the zone of every TOP timestamp, GMT+8. A fixed zone, so it does not
// depend on the machine's tz database or local zone.
var CST = time.FixedZone("GMT+8", 8*60*60)

// FormatTime formats t as TOP expects: TimeLayout in GMT+8.
func FormatTime(t time.Time) string { return t.In(CST).Format(TimeLayout) }

// ParseTime parses a TOP Date ("2006-01-02 15:04:05", GMT+8).
func ParseTime(s string) (time.Time, error) { return time.ParseInLocation(TimeLayout, s, CST) }
