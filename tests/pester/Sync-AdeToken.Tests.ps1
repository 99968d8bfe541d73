BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'RemediationHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'remediation-sync.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:ok = 'd1000000-0000-4000-8000-000000000001'
    $script:recent = 'd1000000-0000-4000-8000-000000000002'
    $script:terms = 'd1000000-0000-4000-8000-000000000003'
    $script:same = 'd1000000-0000-4000-8000-000000000004'
    $script:other = 'd1000000-0000-4000-8000-000000000005'
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Sync-AdeToken' {
    BeforeEach {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-sync.json'
    }

    It 'requests a sync and, with -Wait, outputs the updated TokenStatus once Apple answered' {
        $before = Get-AdeTokenStatus -Id $ok
        $out = @(Sync-AdeToken -Id $ok -Wait -PollSeconds 1)
        $out.Count | Should -Be 1
        $out[0].GetType().FullName | Should -Be 'AdeTokens.TokenStatus'
        $out[0].Id | Should -Be $ok
        $out[0].LastSuccessfulSyncDateTime | Should -BeGreaterThan $before.LastSuccessfulSyncDateTime
        $out[0].LastSyncTriggeredDateTime | Should -BeGreaterThan $before.LastSyncTriggeredDateTime
        $out[0].Status | Should -Be 'Healthy'
        @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram').Count | Should -Be 1
        (Get-AdeTokenStatus -Id $ok).LastSuccessfulSyncDateTime | Should -Be $out[0].LastSuccessfulSyncDateTime
    }

    It 'without -Wait sends the request and outputs nothing, or the token with -PassThru' {
        @(Sync-AdeToken -Id $ok).Count | Should -Be 0
        $passThru = Sync-AdeToken -Id $other -PassThru
        $passThru.Id | Should -Be $other
        $passThru.LastSyncTriggeredDateTime | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-1))
        @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram').Count | Should -Be 2
    }

    It 'refuses a sync within 15 minutes of the last one, says when the next is allowed, and calls nothing' {
        Clear-AdeSimRequest -Simulator $sim
        $last = (Get-AdeTokenStatus -Id $recent).LastSyncTriggeredDateTime
        $out = @(Sync-AdeToken -Id $recent -Wait -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SyncTooSoon,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $errs[0].TargetObject | Should -Be $recent
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($last.AddMinutes(15).UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss')) + ' UTC')
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }

    It 'sends the request anyway with -Force and reports Intune''s refusal as SyncRejected' {
        $null = Sync-AdeToken -Id $recent -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue
        $warns[0] | Should -Match 'less than 15 minutes ago'
        @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram').Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SyncRejected,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $errs[0].TargetObject | Should -Be $recent
        $errs[0].ErrorDetails.Message | Should -Match 'request-id'
    }

    It 'outputs the TokenStatus and shows the SyncFailed finding in its own view when the sync ends in a new error' {
        $out = @(Sync-AdeToken -Id $terms -Wait -PollSeconds 1 -WarningVariable warns -WarningAction SilentlyContinue -InformationVariable info 6>$null)
        # One object type in the output, so the table keeps its shape; the finding is on the information stream.
        $out.Count | Should -Be 1
        $out[0].GetType().FullName | Should -Be 'AdeTokens.TokenStatus'
        $out[0].LastSyncErrorCode | Should -Be 3
        $out[0].Status | Should -Be 'SyncFailed'
        $finding = ($info | Where-Object { $_.Tags -contains 'Finding' }).MessageData.Message
        $finding | Should -Match 'Code\s+: SyncFailed'
        $finding | Should -Match 'Severity\s+: Critical'
        $finding | Should -Match 'Remediation : 1\. '
        $finding | Should -Not -Match '\{.*…\}' -Because 'the finding view numbers the steps instead of a collection'
        $warns[0] | Should -Match 'error code 3'
        (Get-AdeTokenStatus -Id $terms).LastSyncErrorCode | Should -Be 3
    }

    It 'reports a timeout as a non-terminating error, never as a silent success, and says up front when no field can show the end' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        # -WaitAll: 'Sync Same Error' already fails with code 3, which a sync can't fix, so it is waited for only on request.
        $out = @(Sync-AdeToken -Id $same, $ok -Wait -WaitAll -PollSeconds 1 -Timeout 4 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue)
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 15
        $out.Id | Should -Be @($ok) -Because 'the other token is still reported'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SyncWaitTimedOut,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -Be $same
        $errs[0].Exception.Message | Should -Match 'still reports error code 3'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AdeTokenStatus'
        ($warns -join "`n") | Should -Match 'already reports sync error code 3\. Graph has no field that shows a sync ended with the same error'
    }

    It 'waits for several tokens at once' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $out = @(Sync-AdeToken -Id $ok, $other -Wait -PollSeconds 1)
        $sw.Stop()
        ($out.Id | Sort-Object) | Should -Be (@($ok, $other) | Sort-Object)
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 6 -Because 'both syncs finish 1.5 s after their requests'
    }

    It 'sends nothing under -WhatIf, but still looks the token up' {
        Clear-AdeSimRequest -Simulator $sim
        Sync-AdeToken -Id $ok -Wait -WhatIf | Should -BeNullOrEmpty
        $requests = @(Get-AdeSimRequest -Simulator $sim)
        @($requests | Where-Object method -eq 'POST').Count | Should -Be 0
        @($requests | Where-Object method -eq 'GET').Count | Should -BeGreaterThan 0
    }

    It 'selects tokens by -Name with wildcards and reports a literal name that matches nothing' {
        $null = Sync-AdeToken -Name 'Sync O*', 'No Such Token' -ErrorVariable errs -ErrorAction SilentlyContinue
        $posts = @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram')
        $posts.Count | Should -Be 2
        ($posts.path -join ' ') | Should -Match $ok
        ($posts.path -join ' ') | Should -Match $other
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].TargetObject | Should -Be 'No Such Token'
    }

    It 'reports an unknown id as TokenNotFound and goes on with the others' {
        $out = @(Sync-AdeToken -Id 'does-not-exist', $ok -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($ok)
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'does-not-exist'
    }

    It 'takes tokens from the pipeline: TokenStatus by Id, objects with TokenId, and asks once per token' {
        $null = Get-AdeTokenStatus -Id $ok | Sync-AdeToken
        $null = [pscustomobject]@{ TokenId = $other }, [pscustomobject]@{ TokenId = $other } | Sync-AdeToken -Verbose 4>&1
        $posts = @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram')
        $posts.Count | Should -Be 2
    }

    It 'names the missing permission when the app can only read' {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
        try {
            $null = Sync-AdeToken -Id $ok -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'GraphPermissionDenied,*'
            $errs[0].Exception.Message | Should -Match 'DeviceManagementServiceConfig\.ReadWrite\.All'
        }
        finally { Connect-AdeSimulator -Simulator $sim | Out-Null }
    }

    It 'shows progress while waiting' {
        $run = Invoke-AdeInRunspace -Simulator $sim -Token (New-AdeSimToken -Simulator $sim -Roles 'DeviceManagementServiceConfig.ReadWrite.All') -Script {
            param($id) Sync-AdeToken -Id $id -Wait -PollSeconds 1
        } -ArgumentList $ok
        try {
            $out = $run.PowerShell.EndInvoke($run.Handle)
            $out.Id | Should -Be $ok
            $progress = @($run.PowerShell.Streams.Progress)
            @($progress | Where-Object { $_.Activity -match 'Waiting for the sync' -and $_.RecordType -eq 'Processing' }).Count | Should -BeGreaterThan 0
            @($progress | Where-Object { $_.RecordType -eq 'Completed' }).Count | Should -BeGreaterThan 0
            $progress[0].StatusDescription | Should -Match 'elapsed'
        }
        finally { $run.PowerShell.Dispose() }
    }

    It 'stops within a second on Ctrl+C while waiting' {
        $run = Invoke-AdeInRunspace -Simulator $sim -Token (New-AdeSimToken -Simulator $sim -Roles 'DeviceManagementServiceConfig.ReadWrite.All') -Script {
            param($id) Sync-AdeToken -Id $id -Wait -PollSeconds 1 -Timeout 600
        } -ArgumentList $same
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not (Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 1500
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $run.PowerShell.Stop()
            # The async handle is completed on the invocation thread, a moment after Stop() returns.
            $run.Handle.AsyncWaitHandle.WaitOne(1500) | Should -BeTrue
            $sw.Stop()
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 1.5
        }
        finally { $run.PowerShell.Dispose() }
    }
}

Describe 'Test-AdeTokenHealth | Where-Object Status -eq Critical | Sync-AdeToken -Wait' {
    BeforeAll {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-chain.json'
        $script:expired = 'd2000000-0000-4000-8000-000000000001'
        $script:fixed = 'd2000000-0000-4000-8000-000000000002'
        $script:healthy = 'd2000000-0000-4000-8000-000000000003'
        $script:hasHealth = [bool](Get-Command Test-AdeTokenHealth -Module AdeTokens -ErrorAction SilentlyContinue)
    }

    It 'warns before syncing tokens a sync cannot fix, names the real fix, and does not wait for them unless asked' {
        if (-not $hasHealth) { Set-ItResult -Skipped -Because 'Test-AdeTokenHealth is not in the built module yet' }
        $critical = @(Test-AdeTokenHealth | Where-Object Status -eq Critical)
        ($critical.TokenId | Sort-Object) | Should -Be (@($expired, $fixed) | Sort-Object)
        Clear-AdeSimRequest -Simulator $sim
        $sw = [Diagnostics.Stopwatch]::StartNew()

        $out = @(Test-AdeTokenHealth | Where-Object Status -eq Critical | Sync-AdeToken -Wait -PollSeconds 1 -WarningVariable warns -WarningAction SilentlyContinue)

        $sw.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'nothing is waited for: a sync fixes neither token'
        @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram').Count | Should -Be 2
        $out.Count | Should -Be 0
        $text = $warns -join "`n"
        $text | Should -Match "can't fix ADE token 'Chain Expired'.*TokenExpired.*Start-AdeTokenRenewal -Id $expired.*add -WaitAll"
        $text | Should -Match "can't fix ADE token 'Chain Fixed'.*SyncFailed.*accept the new terms"
    }

    It 'with -WaitAll waits for them too and reports each result' {
        if (-not $hasHealth) { Set-ItResult -Skipped -Because 'Test-AdeTokenHealth is not in the built module yet' }
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-chain.json'
        $out = @(Test-AdeTokenHealth | Where-Object Status -eq Critical | Sync-AdeToken -Wait -WaitAll -PollSeconds 1 -WarningAction SilentlyContinue -InformationVariable info 6>$null)
        ($out | Where-Object Id -eq $fixed).Status | Should -Be 'Healthy'
        ($out | Where-Object Id -eq $fixed).LastSyncErrorCode | Should -Be 0
        ($out | Where-Object Id -eq $expired).LastSyncErrorCode | Should -Not -Be 0
        $findings = @($info | Where-Object { $_.Tags -contains 'Finding' })
        $findings.Count | Should -Be 1
        $findings[0].MessageData.Message | Should -Match "Code\s+: SyncFailed"
        $findings[0].MessageData.Message | Should -Match ([regex]::Escape($expired))
    }

    It 'the README example syncs only the tokens where a sync helps' {
        if (-not $hasHealth) { Set-ItResult -Skipped -Because 'Test-AdeTokenHealth is not in the built module yet' }
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-chain.json'
        Clear-AdeSimRequest -Simulator $sim
        $results = @(Test-AdeTokenHealth)
        ($results | Where-Object TokenId -eq $expired).Findings.Code | Should -Contain 'SyncStale'
        ($results | Where-Object TokenId -eq $expired).SyncMayHelp | Should -BeFalse
        $null = $results | Where-Object SyncMayHelp | Sync-AdeToken -Wait -PollSeconds 1 -WarningVariable warns
        @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram').path | Should -Not -Match $expired
        $warns | Should -BeNullOrEmpty
    }
}
