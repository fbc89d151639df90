# Fixture (--explain-type golden): a PowerShell variable given to sc.exe sdset.
$sddl = "D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCLCSWLOCRRC;;;IU)"
Write-Host "Securing the service"
sc.exe sdset DemoService $sddl
