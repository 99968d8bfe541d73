# Company Portal's VPP token, Microsoft's enrollment states and all four ADE platforms, end to end through the
# simulated tenant (tests/scenarios/company-portal-vpp.json), plus proof that no VPP token value ever gets out.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'company-portal-vpp.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All', 'Mail.Send' | Out-Null
    Clear-AdeSimRequest -Simulator $sim
    # Every stream, verbose and debug included, is kept: the secret test reads all of it.
    $script:allStreams = @(Test-AdeTokenHealth -IncludeDevices -Verbose -Debug *>&1)
    $script:results = @($allStreams | Where-Object { $null -ne $_ -and $_.GetType().FullName -eq 'AdeTokens.HealthResult' })
    $script:requests = @(Get-AdeSimRequest -Simulator $sim)
    $script:secretPattern = 'SIMVPPSECRET'

    function Get-Result([string] $Name) { $script:results | Where-Object TokenName -eq $Name }
    function Get-Finding([string] $Name, [string] $Code) { @((Get-Result $Name).Findings | Where-Object Code -eq $Code) }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Company Portal VPP token findings' {
    It 'reads the VPP tokens once, through v1.0, without asking for the token value' {
        $vpp = @($requests | Where-Object path -eq '/v1.0/deviceAppManagement/vppTokens')
        $vpp.Count | Should -Be 1
        $vpp[0].status | Should -Be 200
        $select = [Uri]::UnescapeDataString($vpp[0].query)
        $select | Should -Match 'select=.*expirationDateTime'
        ($select -split '[=,&]') | Should -Not -Contain 'token'
    }

    It 'gives the ADE token whose profile names the expired VPP token CompanyPortalVppTokenExpired' {
        $f = Get-Finding 'cp-expired-vpp' 'CompanyPortalVppTokenExpired'
        $f.Count | Should -Be 1
        [string]$f[0].Severity | Should -Be 'Critical'
        $f[0].Target | Should -Be 'c0000000-0000-4000-8000-00000000aa01'
        $f[0].Message | Should -Match 'iPads with Company Portal'
        $f[0].Message | Should -Match 'Contoso Expired Apps'
        $f[0].HelpUri | Should -Be 'https://learn.microsoft.com/intune/intune-service/apps/vpp-apps-ios#renewing-vpp-tokens-or-apple-business-manager-location-token'
        ($f[0].Remediation -join ' ') | Should -Match 'Content Tokens'
        [string](Get-Result 'cp-expired-vpp').Status | Should -Be 'Critical'
    }

    It 'says nothing about a valid VPP token, and the token with it is Healthy on all four platforms' {
        $r = Get-Result 'cp-valid-vpp'
        [string]$r.Status | Should -Be 'Healthy'
        $r.Findings.Code | Should -Not -Contain 'CompanyPortalVppTokenExpired'
        $r.Findings.Code | Should -Not -Contain 'DefaultProfileMissing'
        $r.Findings.Code | Should -Not -Contain 'DevicesWithoutProfile'
    }

    It 'reports a VPP token that no longer exists and one assigned to another MDM as CompanyPortalVppTokenInvalid' {
        $f = Get-Finding 'cp-missing-and-external-vpp' 'CompanyPortalVppTokenInvalid'
        $f.Count | Should -Be 2
        $f.Target | Should -Be @('c0000000-0000-4000-8000-00000000dead', 'c0000000-0000-4000-8000-00000000aa03')
        ($f | Where-Object Target -like '*dead').Message | Should -Match 'no longer exists'
        ($f | Where-Object Target -like '*aa03').Message | Should -Match 'another MDM'
    }

    It 'fills HealthResult.Tenant.VppTokens for the reports, without a token value property' {
        $t = (Get-Result 'cp-valid-vpp').Tenant
        $t.VppChecked | Should -BeTrue
        $t.VppTokens.Count | Should -Be 3
        ($t.VppTokens | Where-Object Id -like '*aa01').State | Should -Be 'expired'
        ($t.VppTokens | Where-Object Id -like '*aa03').State | Should -Be 'assignedToExternalMDM'
        $t.VppTokens[0].PSObject.Properties.Name | Should -Not -Contain 'Token'
    }

    It 'does not read VPP tokens or raise VPP findings without -IncludeProfiles' {
        Clear-AdeSimRequest -Simulator $sim
        $plain = @(Test-AdeTokenHealth -Name 'cp-expired-vpp')
        $plain.Findings.Code | Should -Not -Contain 'CompanyPortalVppTokenExpired'
        @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*vppTokens*').Count | Should -Be 0
        $withProfiles = @(Test-AdeTokenHealth -Name 'cp-expired-vpp' -IncludeProfiles)
        $withProfiles.Findings.Code | Should -Contain 'CompanyPortalVppTokenExpired'
    }

    It 'turns a VPP read failure into CheckIncomplete and a warning, never a silent Healthy' {
        try {
            Set-AdeSimFault -Simulator $sim -Faults @{ unavailable = @{ first = 100; pathContains = 'vppTokens'; retryAfterSeconds = 0 } }
            $out = @(Test-AdeTokenHealth -Name 'cp-valid-vpp' -IncludeProfiles -WarningVariable warn -WarningAction SilentlyContinue)
        }
        finally { Set-AdeSimFault -Simulator $sim }
        $f = @($out[0].Findings | Where-Object Code -eq 'CheckIncomplete')
        $f.Count | Should -Be 1
        [string]$out[0].Status | Should -Be 'Warning'
        ($warn -join ' ') | Should -Match 'VPP tokens could not be read'
        $out[0].Tenant.ApnsChecked | Should -BeTrue
    }
}

Describe 'Enrollment states and platforms' {
    It 'keeps only failed devices in DevicesFailedEnrollment' {
        $f = Get-Finding 'cp-expired-vpp' 'DevicesFailedEnrollment'
        $f.Count | Should -Be 1
        $f[0].Message | Should -Match 'CPXFAILED001'
        $f[0].Message | Should -Not -Match 'CPXBLOCKED|CPXPENDRST'
        $f[0].Target | Should -Be 'CPXFAILED001'
    }

    It 'raises DevicesBlocked pointing at Company Portal and its VPP token' {
        $f = Get-Finding 'cp-expired-vpp' 'DevicesBlocked'
        [string]$f[0].Severity | Should -Be 'Warning'
        $f[0].Message | Should -Match 'Serial numbers: CPXBLOCKED01, CPXBLOCKED02\.'
        $f[0].Message | Should -Match 'Company Portal'
        $f[0].Remediation[0] | Should -Match 'Contoso Expired Apps'
    }

    It 'raises DevicesPendingReset explaining the factory reset' {
        $f = Get-Finding 'cp-expired-vpp' 'DevicesPendingReset'
        [string]$f[0].Severity | Should -Be 'Warning'
        $f[0].Target | Should -Be 'CPXPENDRST01'
        ($f[0].Remediation -join ' ') | Should -Match 'factory reset'
    }

    It 'covers a tvOS device with the tvOS default and flags the visionOS device that has none' {
        $missing = Get-Finding 'cp-expired-vpp' 'DefaultProfileMissing'
        $missing[0].Message | Should -Match '1 visionOS device but no default visionOS enrollment profile'
        $missing[0].Message | Should -Not -Match 'tvOS'
        $without = Get-Finding 'cp-expired-vpp' 'DevicesWithoutProfile'
        $without[0].Message | Should -Match 'CPXVISION001'
        $without[0].Message | Should -Not -Match 'CPXAPPLETV01'
    }

    It 'does not claim a 12-hour sync cycle for a macOS-only token' {
        $f = Get-Finding 'mac-only-stale' 'SyncStale'
        $f[0].Message | Should -Match '24 hours'
        $f[0].Message | Should -Not -Match '12 hours'
    }
}

Describe 'VPP token values never leave the module' {
    BeforeAll {
        # Positive control: the simulated tenant really serves the secret to anyone who asks for it, so the checks
        # below would catch a module that passed it on.
        $token = New-AdeSimToken -Simulator $sim
        $raw = Invoke-RestMethod -Uri "$($sim.Url)/v1.0/deviceAppManagement/vppTokens" -Headers @{ Authorization = "Bearer $token" }
        $script:rawJson = $raw | ConvertTo-Json -Depth 10

        function Get-AllText($Records) {
            @($Records | ForEach-Object {
                    if ($null -eq $_) { return }
                    $_.ToString()
                    if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString(); [string]$_.ErrorDetails; [string]$_.TargetObject }
                    if ($_ -is [System.Management.Automation.InformationRecord]) { [string]$_.MessageData }
                    if ($_.PSObject.Properties['Message']) { [string]$_.Message }
                    ($_ | Format-List * -Force | Out-String -Width 400)
                    # Our own objects as JSON too (what a runbook would store); stream records' object graphs are unbounded.
                    if ($_.GetType().FullName -like 'AdeTokens.*') { $_ | ConvertTo-Json -Depth 8 -WarningAction SilentlyContinue }
                }) -join "`n"
        }
    }

    It 'is served by the simulated tenant (positive control)' {
        $rawJson | Should -Match $secretPattern
    }

    It 'never appears in any output stream of Test-AdeTokenHealth, verbose and debug included' {
        $allStreams.Count | Should -BeGreaterThan $results.Count
        Get-AllText $allStreams | Should -Not -Match $secretPattern
        Get-AllText ($results.Tenant.VppTokens) | Should -Not -Match $secretPattern
    }

    It 'never appears in a report, in any format' {
        foreach ($format in 'Html', 'Markdown', 'Json', 'Csv') {
            $text = $results | ConvertTo-AdeTokenReport -Format $format
            ($text -join "`n") | Should -Not -Match $secretPattern -Because $format
            ($text -join "`n") | Should -Match 'cp-expired-vpp' -Because "the $format report is about these results"
        }
    }

    It 'never appears in an alert, by Teams or by mail' {
        Clear-AdeSimWebhook -Simulator $sim
        Clear-AdeSimMail -Simulator $sim
        $webhook = ConvertTo-SecureString "$($sim.Url)/_sim/webhooks/cp-vpp?api-version=2016-06-01&sig=x" -AsPlainText -Force
        $out = @($results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -PassThru -Verbose -Debug *>&1)
        Get-AllText $out | Should -Not -Match $secretPattern
        $sent = (Get-AdeSimWebhook -Simulator $sim | ConvertTo-Json -Depth 30) + (Get-AdeSimMail -Simulator $sim | ConvertTo-Json -Depth 30)
        $sent | Should -Match 'cp-expired-vpp'
        $sent | Should -Not -Match $secretPattern
    }
}
