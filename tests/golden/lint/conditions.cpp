// Fixture for the conditional-ACE lint golden (conditions.txt, written by hand).
#include <windows.h>

// Meant: deny write to callers whose clearance is below 3.
static const wchar_t kFrames[] =
    L"D:(XD;;GW;;;WD;(@USER.Clearance < 3))(A;;GA;;;SY)(A;;GA;;;BA)";

static const wchar_t kLevels[] = L"D:(A;;GA;;;SY)(XA;;GR;;;IU;((@USER.Level == 1) && (@USER.Level == 2)))";

// Composites {...} inside a condition are SDDL, not a format string: linted, and clean.
static const char kGroups[] = "D:(A;;GA;;;SY)(XA;;GR;;;IU;(Member_of_any {SID(LU), SID(MU)}))";

static const char kSales[] = "D:(A;;GA;;;SY)(XA;;GR;;;IU;(@USER.Department != \"Sales\"))";

// A template (braces outside a condition) is still skipped.
static const char kTemplate[] = "D:(A;;GA;;;SY)(XA;;GR;;;{0};(Member_of {SID(LU)}))";
