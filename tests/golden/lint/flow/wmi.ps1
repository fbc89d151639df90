# Fixture (--explain-type golden): a WMI namespace's security through SDDLToBinarySD to SetSD,
# and an ETW session's through SetNamedSecurityInfo(SE_WMIGUID_OBJECT) in C++ (etw.cpp).
$sddl = "O:BAG:BAD:(A;CI;CCDCLCSWRPWPRCWD;;;BA)(A;CI;CCDCRP;;;AU)"
$helper = [wmiclass]"Win32_SecurityDescriptorHelper"
$binary = $helper.SDDLToBinarySD($sddl).BinarySD
$security = Get-WmiObject -Namespace "root\cimv2" -Class __SystemSecurity
$security.SetSD($binary)
