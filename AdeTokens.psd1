@{
    # No root module and no script: a script root module, above all the .NET calls in one, made the import twice as
    # slow (bench/RESULTS.md). bin/AdeTokens.Cmdlets.psd1 loads the right AdeTokens.dll for the edition.
    NestedModules        = @('bin/AdeTokens.Cmdlets.psd1')
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0b7f5e-3d1c-4c1e-9a57-2b8d3f1ad3e1'
    Author               = 'AdeTokens contributors'
    CompanyName          = 'AdeTokens'
    Copyright            = '(c) AdeTokens contributors. All rights reserved.'
    Description          = 'Keeps Apple Automated Device Enrollment (ADE/DEP) working in Microsoft Intune: token status, health verdicts with Microsoft Learn fixes, sync, renewal and enrollment profiles, through Microsoft Graph.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('AdeTokens.Format.ps1xml', 'AdeTokens.Remediation.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-AdeGraph'
        'Disconnect-AdeGraph'
        'Get-AdeGraphContext'
        'Get-AdeTokenStatus'
        'Test-AdeTokenHealth'
        'Sync-AdeToken'
        'Get-AdeTokenPublicKey'
        'Update-AdeToken'
        'Start-AdeTokenRenewal'
        'New-AdeToken'
        'New-AdeTokenPublicKey'
        'Get-AdeEnrollmentProfile'
        'Get-AdeDevice'
        'Set-AdeDeviceProfile'
        'Set-AdeDefaultProfile'
        'Export-AdeTokenReport'
        'ConvertTo-AdeTokenReport'
        'Send-AdeTokenAlert'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Intune', 'Apple', 'ADE', 'DEP', 'ABM', 'ASM', 'MicrosoftGraph', 'Enrollment', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/adetokens/AdeTokens'
            LicenseUri   = 'https://github.com/adetokens/AdeTokens/blob/main/LICENSE'
            # build.ps1 replaces this with the newest section of CHANGELOG.md in the laid-out manifest.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
