// Fixture (--explain-type golden): a driver's device SDDL through a counted string to
// IoCreateDeviceSecure, and one through DECLARE_CONST_UNICODE_STRING to a KMDF control device.
NTSTATUS CreateControlDevice(PDRIVER_OBJECT driver, PDEVICE_OBJECT* device) {
  UNICODE_STRING sddl;
  RtlInitUnicodeString(&sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
  return IoCreateDeviceSecure(driver, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &sddl, NULL,
                              device);
}

NTSTATUS CreateKmdfControlDevice(WDFDRIVER driver) {
  DECLARE_CONST_UNICODE_STRING(kControlSddl, L"D:P(A;;GA;;;SY)(A;;GRGW;;;WD)");
  PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(driver, &kControlSddl);
  return init ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}
