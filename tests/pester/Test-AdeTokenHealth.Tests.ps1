BeforeDiscovery {
    # One token per rule in tests/scenarios/health-rules.json, and what the check must say about it.
    $script:ruleCases = @(
        @{ Name = 'rule-healthy'; Code = $null; Status = 'Warning' }  # only the tenant's APNs certificate (10 days) warns
        @{ Name = 'rule-expired'; Code = 'TokenExpired'; Status = 'Critical' }
        @{ Name = 'rule-expiring-30d'; Code = 'TokenExpiringSoon'; Status = 'Warning' }
        @{ Name = 'rule-expiring-7d'; Code = 'TokenExpiringSoon'; Status = 'Critical' }
        @{ Name = 'rule-sync-error-3'; Code = 'SyncFailed'; Status = 'Critical' }
        @{ Name = 'rule-sync-error-42'; Code = 'SyncFailed'; Status = 'Critical' }
        @{ Name = 'rule-stale-37h'; Code = 'SyncStale'; Status = 'Warning' }
        @{ Name = 'rule-never-synced'; Code = 'NeverSynced'; Status = 'Critical' }
        @{ Name = 'rule-sync-in-progress'; Code = 'SyncRecentlyTriggered'; Status = 'Warning' }
        @{ Name = 'rule-consent-missing'; Code = 'ConsentNotGranted'; Status = 'Warning' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'health-rules.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
    $script:results = @(Test-AdeTokenHealth)
    $script:snapshotToken = New-AdeSimToken -Simulator $sim
    $script:pwshArgs = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
    } else { @([Environment]::ProcessPath) }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Test-AdeTokenHealth verdicts' {
    It 'returns one HealthResult per token, most urgent first' {
        $results.Count | Should -Be 12
        $results[0].GetType().FullName | Should -Be 'AdeTokens.HealthResult'
        $rank = @{ Critical = 2; Warning = 1; Healthy = 0 }
        for ($i = 1; $i -lt $results.Count; $i++) {
            $rank[[string]$results[$i - 1].Status] | Should -BeGreaterOrEqual $rank[[string]$results[$i].Status]
        }
    }

    It '<Name> is <Status> with <Code>' -ForEach $ruleCases {
        $r = $results | Where-Object TokenName -eq $Name
        [string]$r.Status | Should -Be $Status
        if ($Code) {
            $f = $r.Findings | Where-Object Code -eq $Code
            $f | Should -Not -BeNullOrEmpty
            $f[0].Remediation.Count | Should -BeGreaterThan 0
            $f[0].HelpUri | Should -Match '^https://learn\.microsoft\.com/'
        }
    }

    It 'treats a non-expired sync error 3 as likely terms and conditions, and says how sure it is' {
        $f = ($results | Where-Object TokenName -eq 'rule-sync-error-3').Findings | Where-Object Code -eq 'SyncFailed'
        $f.Message | Should -Match 'terms and conditions'
        $f.Evidence | Should -Match 'unverified|not documented'
        ($f.Remediation -join ' ') | Should -Match 'Administrator'
    }

    It 'explains an unmapped code with the documented causes' {
        $f = ($results | Where-Object TokenName -eq 'rule-sync-error-42').Findings | Where-Object Code -eq 'SyncFailed'
        $f.Message | Should -Match '42'
        $f.Message | Should -Match 'unmapped|not mapped|undocumented'
    }

    It 'attaches the APNs certificate finding to every token' {
        foreach ($r in $results) { $r.Findings.Code | Should -Contain 'ApnsCertificateExpiringSoon' }
    }

    It 'adds DefaultProfileMissing only with -IncludeProfiles' {
        ($results | Where-Object TokenName -eq 'rule-no-default-profile').Findings.Code | Should -Not -Contain 'DefaultProfileMissing'
        $r = Test-AdeTokenHealth -Name 'rule-no-default-profile' -IncludeProfiles
        $r.Findings.Code | Should -Contain 'DefaultProfileMissing'
    }

    It 'adds device findings with -IncludeDevices' {
        $r = Test-AdeTokenHealth -Name 'rule-device-problems' -IncludeDevices
        $r.Findings.Code | Should -Contain 'DevicesWithoutProfile'
        $r.Findings.Code | Should -Contain 'DevicesFailedEnrollment'
        ($r.Findings | Where-Object Code -eq 'DevicesWithoutProfile').Message | Should -Match '\d'
    }

    It 'reads tokens from the pipeline' {
        @(Get-AdeTokenStatus | Test-AdeTokenHealth).Count | Should -Be 12
    }

    It 'evaluates at -AsOf' {
        $later = [DateTimeOffset]::UtcNow.AddDays(400)
        $r = Test-AdeTokenHealth -Name 'rule-healthy' -AsOf $later
        $r.Findings.Code | Should -Contain 'TokenExpired'
        $r.EvaluatedAt | Should -Be $later
    }

    It 'shows findings and remediation in Format-List' {
        $text = $results | Where-Object TokenName -eq 'rule-expired' | Format-List | Out-String -Width 200
        $text | Should -Match 'TokenExpired'
        $text | Should -Match '1\. '
        $text | Should -Match 'learn\.microsoft\.com'
    }

    It 'writes a one-line summary to the information stream' {
        $info = Test-AdeTokenHealth 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }
        $info.MessageData | Should -Match '12 token\(s\): \d+ healthy, \d+ warning, \d+ critical'
    }
}

Describe 'Test-AdeTokenHealth offline' {
    BeforeAll {
        $script:snapshot = Join-Path $TestDrive 'snapshot.json'
        Invoke-WebRequest -Uri "$($sim.Url)/beta/deviceManagement/depOnboardingSettings?`$top=100" -Headers @{ Authorization = "Bearer $snapshotToken" } -OutFile $snapshot
        Disconnect-AdeGraph
    }
    AfterAll { Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null }

    It 'reads a Graph response body with -Path, without a connection' {
        $r = @(Test-AdeTokenHealth -Path $snapshot)
        $r.Count | Should -Be 12
        ($r | Where-Object TokenName -eq 'rule-expired').Status | Should -Be 'Critical'
    }

    It 'reads ConvertFrom-Json output, as a response body and as an array' {
        @(Get-Content $snapshot -Raw | ConvertFrom-Json | Test-AdeTokenHealth).Count | Should -Be 12
        $array = Join-Path $TestDrive 'array.json'
        (Get-Content $snapshot -Raw | ConvertFrom-Json).value | ConvertTo-Json -Depth 5 | Set-Content $array
        @(Get-Content $array -Raw | ConvertFrom-Json | Test-AdeTokenHealth).Count | Should -Be 12
    }

    It 'names the file and the line of a malformed snapshot' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content $bad "{`n  `"value`": [`n    { `"id`": `"a`", }`n  ]`n}"
        $null = Test-AdeTokenHealth -Path $bad -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotMalformed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.Message | Should -Match 'bad\.json'
        $errs[0].Exception.Message | Should -Match 'line 3'
    }

    It 'needs a connection for -IncludeProfiles' {
        { Test-AdeTokenHealth -Path $snapshot -IncludeProfiles } | Should -Throw -ErrorId 'NotConnected,*'
    }
}

Describe 'Test-AdeTokenHealth in runbooks' {
    It '-Quiet returns a single boolean' {
        $q = @(Test-AdeTokenHealth -Quiet)
        $q.Count | Should -Be 1
        $q[0] | Should -BeFalse
        Test-AdeTokenHealth -Name 'rule-healthy' -WarningDays 5 -CriticalDays 2 -Quiet | Should -BeTrue
    }

    It '-FailOn Critical writes every result, then throws naming the failing tokens' {
        $out = [System.Collections.Generic.List[object]]::new()
        $err = $null
        try { Test-AdeTokenHealth -FailOn Critical | ForEach-Object { $out.Add($_) } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AdeTokenHealthCheckFailed,*'
        $err.Exception.Message | Should -Match 'rule-expired'
        $out.Count | Should -Be 12
        { Test-AdeTokenHealth -Name 'rule-healthy' -WarningDays 5 -CriticalDays 2 -FailOn Warning } | Should -Not -Throw
    }

    It 'shows the results, then makes pwsh -File exit non-zero in a runbook with ErrorActionPreference Stop' {
        $runbook = Join-Path $TestDrive 'runbook.ps1'
        @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-AdeTestModulePath)'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString '$snapshotToken' -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null
Test-AdeTokenHealth -FailOn Critical
'not reached'
"@ | Set-Content $runbook
        $exe = $pwshArgs[0]
        $rest = @($pwshArgs | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runbook)
        $output = & $exe @rest 2>&1 | Out-String
        $LASTEXITCODE | Should -Not -Be 0
        $output | Should -Not -Match 'not reached'
        $output | Should -Match 'AdeTokenHealthCheckFailed|at or above Critical'
        $output | Should -Match 'rule-expiring-30d' -Because 'the documented runbook shows every result before the job fails'
    }

    It 'rejects CriticalDays above WarningDays and negative thresholds' {
        $err = { Test-AdeTokenHealth -WarningDays 10 -CriticalDays 20 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidHealthThreshold,*'
        $err.Exception.Message | Should -Match 'CriticalDays \(20\)'
        { Test-AdeTokenHealth -WarningDays -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'never reports Healthy when Graph refuses: a 403 is a terminating error' {
        Connect-AdeSimulator -Simulator $sim -Roles 'User.Read.All' 3>$null | Out-Null
        try {
            { Test-AdeTokenHealth -Quiet } | Should -Throw -ErrorId 'GraphPermissionDenied,*'
        }
        finally { Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null }
    }
}
