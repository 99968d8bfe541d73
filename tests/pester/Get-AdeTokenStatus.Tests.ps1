BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'paging.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Get-AdeTokenStatus' {
    BeforeEach { Set-AdeSimFault -Simulator $sim }

    It 'lists every token across several pages as TokenStatus objects' {
        Clear-AdeSimRequest -Simulator $sim
        $tokens = @(Get-AdeTokenStatus)
        $tokens.Count | Should -Be 7
        $tokens[0].GetType().FullName | Should -Be 'AdeTokens.TokenStatus'
        @($tokens.Id | Select-Object -Unique).Count | Should -Be 7
        $pages = @(Get-AdeSimRequest -Simulator $sim | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/depOnboardingSettings' })
        $pages.Count | Should -BeGreaterThan 1
    }

    It 'gives every token a status and keeps its date and Graph properties' {
        foreach ($t in Get-AdeTokenStatus) {
            $t.ExpirationDateTime | Should -BeOfType [DateTimeOffset]
            $t.Raw.Keys | Should -Contain 'tokenExpirationDateTime'
        }
    }

    It 'selects by -Id from the pipeline and reports a missing Id without stopping the others' {
        $all = @(Get-AdeTokenStatus)
        $input = @([pscustomobject]@{ Id = $all[0].Id }, [pscustomobject]@{ Id = 'does-not-exist' }, [pscustomobject]@{ Id = $all[1].Id })
        $out = @($input | Get-AdeTokenStatus -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($all[0].Id, $all[1].Id)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'does-not-exist'
    }

    It 'filters by -Name with wildcards and reports a literal name that matches nothing' {
        $all = @(Get-AdeTokenStatus)
        $first = $all[0].Name
        @(Get-AdeTokenStatus -Name $first).Name | Should -Be @($first)
        @(Get-AdeTokenStatus -Name ($first.Substring(0, 3) + '*')).Count | Should -BeGreaterThan 0
        @(Get-AdeTokenStatus -Name 'zzz-no-such*').Count | Should -Be 0
        $null = Get-AdeTokenStatus -Name 'No Such Token' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].TargetObject | Should -Be 'No Such Token'
    }

    It 'retries a 429 and then succeeds' {
        Set-AdeSimFault -Simulator $sim -Faults @{ throttle = @{ first = 1; retryAfterSeconds = 1 } }
        Clear-AdeSimRequest -Simulator $sim
        @(Get-AdeTokenStatus).Count | Should -Be 7
        $statuses = @(Get-AdeSimRequest -Simulator $sim).status
        $statuses[0] | Should -Be 429
        $statuses | Should -Contain 200
    }

    It 'names the missing permission and the request-id on 403' {
        Connect-AdeSimulator -Simulator $sim -Roles 'User.Read.All' 3>$null | Out-Null
        try {
            $err = { Get-AdeTokenStatus } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'GraphPermissionDenied,*'
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.Exception.Message | Should -Match 'DeviceManagementServiceConfig\.Read\.All'
            $err.Exception.Message | Should -Match 'request-id: [0-9a-f-]{36}'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Grant'
        }
        finally {
            Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
        }
    }

    It 'stops within a second on Ctrl+C, even during a retry wait' {
        Set-AdeSimFault -Simulator $sim -Faults @{ throttle = @{ every = 1; retryAfterSeconds = 60 } }
        $token = New-AdeSimToken -Simulator $sim
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($module, $url, $token)
                Import-Module $module
                Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $url | Out-Null
                Get-AdeTokenStatus
            }).AddArgument((Get-AdeTestModulePath)).AddArgument($sim.Url).AddArgument($token)
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not (@(Get-AdeSimRequest -Simulator $sim | Where-Object status -eq 429).Count) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 300
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            # IsCompleted can flip a moment after Stop() returns; wait for it, but within the same budget.
            $handle.AsyncWaitHandle.WaitOne(1500) | Should -BeTrue
            $sw.Stop()
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 1.5
        }
        finally { $ps.Dispose() }
    }

    It 'shows the default table with the documented columns' {
        $text = Get-AdeTokenStatus | Out-String -Width 200
        $text | Should -Match 'Name\s+Status\s+Severity\s+DaysLeft\s+LastSuccessfulSync\s+Devices\s+AppleId'
    }
}

Describe 'Get-AdeTokenStatus date quirks' {
    BeforeAll {
        Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json'
    }

    # demo.json's dates are fixed offsets from the moment it loads, so each count is known: calendar days in UTC.
    # Loaded and read on different UTC days (a midnight in between), every count would be one less, so the read is
    # repeated after a fresh load; the second attempt cannot straddle another midnight.
    It 'counts the days and gives the state that the scenario''s fixed dates make' {
        $json = Get-Content (Join-Path $PSScriptRoot '..' 'scenarios' 'demo.json') -Raw
        foreach ($attempt in 1, 2) {
            $loaded = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/_sim/scenario" -Body $json -ContentType 'application/json'
            $tokens = @(Get-AdeTokenStatus)
            $loadedDay = ([DateTimeOffset]::Parse($loaded.now, [cultureinfo]::InvariantCulture)).UtcDateTime.Date
            if ($tokens[0].EvaluatedAt.UtcDateTime.Date -eq $loadedDay) { break }
        }
        $expected = [ordered]@{
            'Contoso ABM'         = 240, 'Healthy'
            'Contoso Schools ASM' = 12, 'ExpiringSoon'
            'Contoso Legacy DEP'  = -3, 'Expired'
            'Contoso Retail'      = 180, 'SyncFailed'
            'Contoso Field Ops'   = 5, 'ExpiringSoon'
            'Contoso New Stores'  = 362, 'NeverSynced'
        }
        $tokens.Count | Should -Be $expected.Count
        foreach ($name in $expected.Keys) {
            $t = $tokens | Where-Object Name -eq $name
            $t.DaysUntilExpiry | Should -Be $expected[$name][0] -Because $name
            [string]$t.Status | Should -Be $expected[$name][1] -Because $name
        }
    }

    It 'handles offsets other than Z, 7-digit fractions and 0001-01-01 as never' {
        $tokens = @(Get-AdeTokenStatus)
        $never = @($tokens | Where-Object Status -eq 'NeverSynced')
        $never.Count | Should -BeGreaterThan 0
        $never[0].LastSuccessfulSyncDateTime | Should -BeNullOrEmpty
        $never[0].Raw['lastSuccessfulSyncDateTime'].Year | Should -Be 1 -Because 'Raw keeps what Graph sent'
        @($tokens | Where-Object { $_.ExpirationDateTime -and $_.ExpirationDateTime.Offset -ne [TimeSpan]::Zero }).Count | Should -BeGreaterThan 0
    }
}
