// Fixture for the sddl-lint format goldens (sample.txt, .json, .sarif, .github, written by hand).
#include <windows.h>

static const wchar_t kOpen[] = L"D:NO_ACCESS_CONTROL";

HANDLE MakeFrames() {
  return CreateFileMappingW(INVALID_HANDLE_VALUE, Sa(L"D:(A;;GA;;;SY)(A;;GRGW;;;BU)"),
                            PAGE_READWRITE, 0, 4096, L"Global\\Frames");
}

// sddl-lint: disable=duplicate-ace
static const char kTwice[] = "D:(A;;GA;;;SY)(A;;GA;;;SY)(a;;GR;;;BA)";
