# Every output type through Export-Csv and ConvertTo-Json, the way an admin exports them: cells and values must be
# readable (codes, names, items), never a .NET type name or an enum's number.
BeforeDiscovery {
    $script:kinds = 'TokenStatus', 'HealthResult', 'HealthFinding', 'EnrollmentProfileInfo', 'AdeDevice',
        'EncryptionPublicKeyInfo', 'GraphContext', 'ProfileAssignmentResult', 'AlertResult'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'demo.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null

    $tokens = @(Get-AdeTokenStatus)
    $results = @(Test-AdeTokenHealth -IncludeDevices -WarningAction SilentlyContinue)
    $first = $tokens | Where-Object { (Get-AdeDevice -TokenId $_.Id | Select-Object -First 1) } | Select-Object -First 1
    $device = Get-AdeDevice -TokenId $first.Id | Select-Object -First 1
    $profile = Get-AdeEnrollmentProfile -TokenId $first.Id | Where-Object Platform -eq $device.Platform | Select-Object -First 1
    $assignment = Set-AdeDeviceProfile -TokenId $first.Id -ProfileId $profile.Id -SerialNumber $device.SerialNumber, 'NOSUCHSERIAL1' -PassThru -Confirm:$false -Force -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $alert = $results | Send-AdeTokenAlert -TeamsWebhookUrl (ConvertTo-SecureString "$($sim.Url)/_sim/webhooks/exports" -AsPlainText -Force) -AlwaysSend -PassThru -WarningAction SilentlyContinue

    $script:worst = $results | Sort-Object Status -Descending | Select-Object -First 1
    $script:samples = @{
        TokenStatus             = $tokens[0]
        HealthResult            = $worst
        HealthFinding           = $worst.Findings[0]
        EnrollmentProfileInfo   = $profile
        AdeDevice               = $device
        EncryptionPublicKeyInfo = Get-AdeTokenPublicKey -Id $first.Id
        GraphContext            = Get-AdeGraphContext
        ProfileAssignmentResult = $assignment
        AlertResult             = $alert
    }

    # A cell that is a .NET type name: "System.String[]", "AdeTokens.HealthFinding[]", "...SortedDictionary`2[...]".
    $script:typeName = '^(System|AdeTokens|Microsoft)\.[\w.`+]+(\[.*\])?$'
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Exports of <_>' -ForEach $kinds {
    BeforeAll {
        $script:kind = $_
        $script:obj = $samples[$kind]
        # Every check below walks $obj's properties, so a missing sample must fail them all, not pass them empty.
        if ($null -eq $obj) { throw "No $kind sample was produced." }
    }

    It 'is a real sample' {
        $obj | Should -Not -BeNullOrEmpty
        $obj.GetType().Name | Should -Be $kind
    }

    It 'gives readable Export-Csv cells' {
        $path = Join-Path $TestDrive "$kind.csv"
        $obj | Export-Csv -Path $path -NoTypeInformation
        $row = Import-Csv -Path $path
        foreach ($p in $obj.PSObject.Properties) {
            $cell = $row.($p.Name)
            $cell | Should -Not -Match $typeName -Because "$kind.$($p.Name) should be readable in a CSV cell"
            if ($p.Value -is [enum]) { $cell | Should -BeExactly $p.Value.ToString() }
        }
    }

    It 'writes enums as their names through ConvertTo-Json, without -EnumsAsStrings' {
        $json = $obj | ConvertTo-Json -Depth 6 | ConvertFrom-Json
        $enums = @($obj.PSObject.Properties | Where-Object { $_.Value -is [enum] })
        foreach ($p in $enums) {
            $json.($p.Name) | Should -BeOfType [string]
            $json.($p.Name) | Should -BeExactly $p.Value.ToString()
        }
        # Default depth as well: whatever gets cut to a string at depth 2 must still not be a type name.
        $shallow = $obj | ConvertTo-Json -WarningAction SilentlyContinue
        $shallow | Should -Not -Match '"(System|AdeTokens)\.[\w.`]+(\[\])?"'
        $shallow | Should -Not -Match '"(Status|Severity|Sync|MinimumStatus)":\s*\d'
    }
}

Describe 'What the cells say' {
    It 'puts the finding codes in the Findings cell of a health result, as FindingCodes does' {
        $worst.Findings.Count | Should -BeGreaterThan 1
        $row = $worst | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.Findings | Should -BeExactly (($worst.Findings | ForEach-Object Code) -join ', ')
        $row.Findings | Should -BeExactly $worst.FindingCodes
        $row.Status | Should -BeIn 'Warning', 'Critical'
    }

    It 'puts the steps of a finding in its Remediation cell, in order' {
        $finding = $worst.Findings[0]
        $finding.Remediation.Count | Should -BeGreaterThan 1
        $row = $finding | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.Remediation | Should -BeExactly ($finding.Remediation -join '; ')
        $row.Severity | Should -BeExactly $finding.Severity.ToString()
    }

    It 'puts Graph''s own properties in the Raw cell as JSON' {
        $token = $samples.TokenStatus
        $row = $token | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $raw = $row.Raw | ConvertFrom-Json
        $raw.id | Should -Be $token.Id
        $raw.tokenName | Should -Be $token.Name
        $row.RoleScopeTagIds | Should -BeExactly ($token.RoleScopeTagIds -join '; ')
    }

    It 'keeps the findings and steps as lists for the pipeline and for JSON' {
        @($worst.Findings | ForEach-Object Code) | Should -Be @($worst.FindingCodes -split ', ')
        $worst.Findings[0].Remediation[0] | Should -BeOfType [string]
        $json = $worst | ConvertTo-Json -Depth 6 | ConvertFrom-Json
        @($json.Findings).Count | Should -Be $worst.Findings.Count
        $json.Findings[0].Code | Should -Be $worst.Findings[0].Code
        $json.Findings[0].Severity | Should -BeExactly $worst.Findings[0].Severity.ToString()
        @($json.Findings[0].Remediation).Count | Should -Be $worst.Findings[0].Remediation.Count
    }

    It 'still sorts and compares statuses by severity, not by name' {
        $all = @(Test-AdeTokenHealth -WarningAction SilentlyContinue)
        ($all | Sort-Object Status -Descending | Select-Object -First 1).Status | Should -Be 'Critical'
        @($all | Where-Object Status -ge 'Warning').Count | Should -Be @($all | Where-Object { $_.Status -ne 'Healthy' }).Count
        [int]$worst.Status | Should -BeGreaterThan 0
    }

    It 'gives the same CSV under de-DE and th-TH for the culture-free cells' {
        $expected = $worst | Select-Object TokenId, Status, Findings, DaysUntilExpiry | ConvertTo-Csv -NoTypeInformation
        $rawCell = ($samples.TokenStatus | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).Raw
        $rawCell | Should -Match '"tokenExpirationDateTime":"20\d\d-'
        foreach ($name in 'de-DE', 'th-TH') {
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new($name)
                $worst | Select-Object TokenId, Status, Findings, DaysUntilExpiry | ConvertTo-Csv -NoTypeInformation | Should -Be $expected
                ($samples.TokenStatus | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).Raw | Should -BeExactly $rawCell
            }
            finally { [cultureinfo]::CurrentCulture = $saved }
        }
    }
}
