# Fixture (--explain-type golden): WinRM endpoints' SDDL through Register-PSSessionConfiguration,
# a plug-in configuration's <Security Sddl>, WSMan:'s RootSDDL; a service's through Set-Service;
# and a negative test's input, named so.
$sddl = "O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)"
Register-PSSessionConfiguration -Name Ops -SecurityDescriptorSddl $sddl -Force
$plugin = @"
<PlugInConfiguration Name="Ops" xmlns="http://schemas.microsoft.com/wbem/wsman/1/config/PluginConfiguration">
  <Resources>
    <Resource ResourceUri="http://schemas.microsoft.com/powershell/Ops">
      <Security Uri="http://schemas.microsoft.com/powershell/Ops" Sddl="O:NSG:BAD:P(A;;GA;;;BA)(A;;GXGR;;;RM)" ExactMatch="true"/>
    </Resource>
  </Resources>
</PlugInConfiguration>
"@
Set-Item WSMan:\localhost\Service\RootSDDL "O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)" -Force
$serviceSddl = 'D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCLCSWLOCRRC;;;IU)'
Set-Service -Name Ops -SecurityDescriptorSddl $serviceSddl
$WrongServiceSddl = 'D:(A;;CCLCSWLOCRRC;;;BB)'
{ Set-Service -Name Ops -SecurityDescriptorSddl $WrongServiceSddl } | Should -Throw
