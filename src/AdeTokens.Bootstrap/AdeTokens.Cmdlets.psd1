# The cmdlets, as AdeTokens.psd1's one nested module (build.ps1 copies this to bin/ and sets ModuleVersion).
# First AdeTokens.Bootstrap.dll, whose initializer decides how 'AdeTokens' loads by name; then 'AdeTokens.dll', which is
# in neither this folder nor the module's, so PowerShell loads it by name: the net472 build on Windows PowerShell 5.1,
# the net8.0 build in the private load context on PowerShell 7. A manifest of its own because Test-ModuleManifest (and
# so Compress-PSResource) requires every nested module of AdeTokens.psd1 to be a file in the module folder.
@{
    ModuleVersion     = '0.0.0'
    GUID              = 'a3c9f0d2-5b7e-4e61-8f4a-0c2d9e7b1a54'
    NestedModules     = @('AdeTokens.Bootstrap.dll', 'AdeTokens.dll')
    CmdletsToExport   = '*'
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
