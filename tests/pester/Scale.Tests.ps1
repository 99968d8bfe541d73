# The health engine at scale and under Graph's faults, end to end through the simulated tenant.
# Fault runs shorten the waits with ADETOKENS_TEST_RESILIENCE (test-only); the defaults get their own run.

BeforeDiscovery {
    # Each fault, one at a time; the run under it must equal the fault-free run.
    $script:faultCases = @(
        @{ Name = '30% 429 with Retry-After'; Faults = @{ throttle = @{ percent = 30; retryAfterSeconds = 1 } }; MaxFactor = 3 }
        @{ Name = '20% 503'; Faults = @{ unavailable = @{ percent = 20 } }; MaxFactor = 3 }
        @{ Name = '20% 504'; Faults = @{ unavailable = @{ percent = 20; status = 504 } }; MaxFactor = 3 }
        @{ Name = 'a reset in the middle of every third body'; Faults = @{ resetBody = @{ every = 3 } }; MaxFactor = 3 }
        # Bodies without a length are read into pooled segments (PooledBodyContent): a reset inside the chunks must still be retried.
        @{ Name = 'chunked bodies, a reset in the middle of every third'; Faults = @{ chunked = $true; resetBody = @{ every = 3 } }; MaxFactor = 3 }
        @{ Name = 'every fourth response slower than the timeout'; Faults = @{ slow = @{ every = 4; delayMs = 4000 } }; MaxFactor = 3 }
        @{ Name = 'one 401 (an access token that expired mid-run)'; Faults = @{ unauthorized = @{ first = 1 } }; MaxFactor = 2 }
        @{ Name = 'a nextLink page that fails twice, then succeeds'; Faults = @{ unavailable = @{ first = 2; queryContains = '$skiptoken' } }; MaxFactor = 2 }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'scale.json'
    $script:scaleJson = Get-Content (Join-Path $PSScriptRoot '../scenarios/scale.json') -Raw
    $script:asOf = [DateTimeOffset]::UtcNow

    function script:Connect-Fast {
        param([string] $Settings = 'retryDelaySeconds=0;transportBackoffMs=20;attemptTimeoutMs=1500')
        $env:ADETOKENS_TEST_RESILIENCE = $Settings
        try { Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null }
        finally { Remove-Item Env:ADETOKENS_TEST_RESILIENCE -ErrorAction SilentlyContinue }
    }
    # What must not change under a fault: which tokens, their verdicts, and every finding's text (counts and serials included).
    function script:Get-Signature { param($Results) @($Results | ForEach-Object { "$($_.TokenId)|$($_.Status)|$($_.FindingCodes)|" + ($_.Findings.Message -join '|') }) }
    function script:Get-Budget { param($Simulator) Invoke-RestMethod "$($Simulator.Url)/_sim/budget" }
    function script:Set-Budget { param($Simulator, [hashtable] $Budget) Invoke-RestMethod -Method Put "$($Simulator.Url)/_sim/budget" -Body ($Budget | ConvertTo-Json) -ContentType 'application/json' | Out-Null }
    function script:Set-ScenarioJson { param($Simulator, [string] $Json) Invoke-RestMethod -Method Post "$($Simulator.Url)/_sim/scenario" -Body $Json -ContentType 'application/json' | Out-Null }

    Connect-Fast
    Clear-AdeSimRequest $sim
    $script:baseline = @(Test-AdeTokenHealth -IncludeDevices -AsOf $asOf)
    $script:baselineSignature = Get-Signature $baseline
    $script:baselineRequests = @(Get-AdeSimRequest $sim)
}

AfterAll {
    Remove-Item Env:ADETOKENS_TEST_RESILIENCE -ErrorAction SilentlyContinue
    Disconnect-AdeGraph -ErrorAction SilentlyContinue
    Stop-AdeSimulator $script:sim
}

Describe 'Test-AdeTokenHealth -IncludeDevices asks for little' {
    It 'checks every token and device of the scenario' {
        $baseline.Count | Should -Be 6
        ($baseline | Where-Object TokenName -eq 'Scale 5').Findings.Code | Should -Contain 'DevicesFailedEnrollment'
        ($baseline | Where-Object TokenName -eq 'Scale 5').Findings.Message -join ' ' | Should -Match '15 devices'
    }

    It 'gets profiles with the token pages, and defaults from isDefault and @odata.type' {
        $list = @($baselineRequests | Where-Object { $_.path -match '/depOnboardingSettings$' })
        $list.Count | Should -Be 1
        $list[0].query | Should -Match '\$expand=enrollmentProfiles'
        @($baselineRequests | Where-Object path -match '/enrollmentProfiles$').Count | Should -Be 0
    }

    It 'reads only the ambiguous token''s default navigations, in one JSON batch' {
        @($baselineRequests | Where-Object path -eq '/beta/$batch').Count | Should -Be 1
        $navs = @($baselineRequests | Where-Object path -match '/default\w+EnrollmentProfile$')
        $navs.Count | Should -Be 4
        $navs | ForEach-Object { $_.path | Should -Match 'e7000000-0000-4000-8000-000000000006' }
    }

    It 'asks only for the device fields the rules use, in the largest pages the service gives' {
        $devices = @($baselineRequests | Where-Object path -match '/importedAppleDeviceIdentities$')
        # 245 devices per token in pages of 100 (3 pages), 285 for token 5 (3), 120 for token 6 (2): 17 pages.
        $devices.Count | Should -Be 17
        $first = $devices | Where-Object { $_.query -notmatch 'skiptoken' } | Select-Object -First 1
        $first.query | Should -Match '\$select=id,serialNumber,platform,requestedEnrollmentProfileId,enrollmentState,isDeleted'
    }

    It 'falls back to one profile list per token when $expand is refused, and remembers that for the connection' {
        try {
            Set-ScenarioJson $sim ($scaleJson -replace '"pageSize": 100,', '"pageSize": 100, "supportsExpand": false,')
            Connect-Fast
            $first = @(Test-AdeTokenHealth -IncludeProfiles -AsOf $asOf)
            $log = @(Get-AdeSimRequest $sim)
            @($log | Where-Object { $_.query -match 'expand' -and $_.status -eq 400 }).Count | Should -Be 1
            @($log | Where-Object path -match '/enrollmentProfiles$').Count | Should -Be 6
            Clear-AdeSimRequest $sim
            $second = @(Test-AdeTokenHealth -IncludeProfiles -AsOf $asOf)
            @(Get-AdeSimRequest $sim | Where-Object { $_.query -match 'expand' }).Count | Should -Be 0
            (Get-Signature $second) | Should -Be (Get-Signature $first)
            $first.Count | Should -Be 6
        }
        finally {
            Set-ScenarioJson $sim $scaleJson
            Connect-Fast
        }
    }
}

Describe 'Test-AdeTokenHealth under <Name>' -ForEach $faultCases {
    BeforeAll {
        # Relative dates in the scenario are laid down at load time, so the fault-free run belongs to the same load.
        Set-ScenarioJson $sim $scaleJson
        Connect-Fast
        $script:caseAsOf = [DateTimeOffset]::UtcNow
        $script:expected = Get-Signature @(Test-AdeTokenHealth -IncludeDevices -AsOf $caseAsOf)
        $script:expectedRequests = @(Get-AdeSimRequest $sim).Count
        Clear-AdeSimRequest $sim
        Set-AdeSimFault $sim $Faults
        $script:run = @(Test-AdeTokenHealth -IncludeDevices -AsOf $caseAsOf -ErrorVariable runErrors -Verbose 4>&1)
        $script:results = @($run | Where-Object { $_.GetType().Name -eq 'HealthResult' })
        $script:verbose = @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $script:errors = @($runErrors)
        $script:requests = @(Get-AdeSimRequest $sim)
        Set-AdeSimFault $sim $null
    }

    It 'gives results identical to the fault-free run, with no token or device lost or counted twice' {
        $errors | Should -BeNullOrEmpty
        $results.Count | Should -Be 6
        (Get-Signature $results) | Should -Be $expected
    }

    It 'sends a bounded number of requests' {
        $requests.Count | Should -BeGreaterThan $expectedRequests
        $requests.Count | Should -BeLessOrEqual ($expectedRequests * $MaxFactor)
    }

    It 'says what it retried on the verbose stream, and never a secret' {
        ($verbose.Message -join "`n") | Should -Match 'retr'
        # No Authorization header and no JWT (header.payload) in any line; an opaque skiptoken may contain anything else.
        ($verbose.Message -join "`n") | Should -Not -Match 'Bearer |eyJ[\w-]+\.eyJ'
    }
}

Describe 'Test-AdeTokenHealth with the default retry settings' {
    It 'completes under 30% 429s without Retry-After, and says so in -Verbose' {
        Set-ScenarioJson $sim $scaleJson
        Remove-Item Env:ADETOKENS_TEST_RESILIENCE -ErrorAction SilentlyContinue
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
        $at = [DateTimeOffset]::UtcNow
        $expected = Get-Signature @(Test-AdeTokenHealth -IncludeProfiles -AsOf $at)
        # The default backoff doubles from 1 s per attempt, so this run is kept to a handful of requests; the first is always throttled.
        Set-AdeSimFault $sim @{ throttle = @{ percent = 30; first = 1 } }
        try {
            $run = @(Test-AdeTokenHealth -IncludeProfiles -AsOf $at -ErrorVariable e -Verbose 4>&1)
        }
        finally { Set-AdeSimFault $sim $null }
        $e | Should -BeNullOrEmpty
        (Get-Signature ($run | Where-Object { $_.GetType().Name -eq 'HealthResult' })) | Should -Be $expected
        @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'answered 429.*retry \d+ of 10' }).Count | Should -BeGreaterThan 0
        (Get-AdeGraphContext).RequestsThrottled | Should -BeGreaterThan 0
    }
}

Describe 'A permanent failure is never a clean bill' {
    BeforeAll {
        Set-ScenarioJson $sim $scaleJson
        $script:token1 = 'e7000000-0000-4000-8000-000000000001'
        $script:token2 = 'e7000000-0000-4000-8000-000000000002'
    }
    AfterEach { Set-AdeSimFault $sim $null }

    It 'writes an error with Graph''s request-id and what was not checked, and gives the token CheckIncomplete' {
        Connect-Fast 'retryDelaySeconds=0;maxRetry=1;transportBackoffMs=20'
        Set-AdeSimFault $sim @{ unavailable = @{ percent = 100; pathContains = "$token1/importedAppleDeviceIdentities" } }
        $results = @(Test-AdeTokenHealth -IncludeDevices -AsOf $asOf -ErrorVariable e -ErrorAction SilentlyContinue)
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Match '^GraphServiceUnavailable'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e[0].TargetObject | Should -Be $token1
        $e[0].ErrorDetails.Message | Should -Match 'request-id: [0-9a-f-]{36}'
        $e[0].ErrorDetails.Message | Should -Match 'Not checked: its devices'
        $bad = $results | Where-Object TokenId -eq $token1
        $bad.Findings.Code | Should -Contain 'CheckIncomplete'
        $bad.Status | Should -Not -Be 'Healthy'
        ($bad.Findings | Where-Object Code -eq 'CheckIncomplete').Message | Should -Match 'request-id [0-9a-f-]{36}'
        # The other tokens are still checked in full.
        $results.Count | Should -Be 6
        @($results | Where-Object { $_.Findings.Code -contains 'CheckIncomplete' }).Count | Should -Be 1
    }

    It 'makes -Quiet False and -FailOn Warning fail, even for a token that would otherwise be Healthy' {
        Connect-Fast 'retryDelaySeconds=0;maxRetry=1;transportBackoffMs=20'
        Set-AdeSimFault $sim @{ unavailable = @{ percent = 100; pathContains = "$token2/importedAppleDeviceIdentities" } }
        Test-AdeTokenHealth -Id $token2 -IncludeDevices -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
        { Test-AdeTokenHealth -Id $token2 -IncludeDevices -FailOn Warning -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'AdeTokenHealthCheckFailed*'
    }

    It 'turns a response slower than the timeout into GraphUnreachable that names the request' {
        Connect-Fast 'retryDelaySeconds=0;attemptTimeoutMs=400;maxTransportRetries=1;transportBackoffMs=20'
        Set-AdeSimFault $sim @{ slow = @{ percent = 100; delayMs = 5000; pathContains = "$token2/importedAppleDeviceIdentities" } }
        $results = @(Test-AdeTokenHealth -Id $token2 -IncludeDevices -ErrorVariable e -ErrorAction SilentlyContinue)
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Match '^GraphUnreachable'
        $e[0].ErrorDetails.Message | Should -Match "GET \S+/$token2/importedAppleDeviceIdentities did not answer within 0.4 s; it was tried 2 times"
        $e[0].ErrorDetails.Message | Should -Not -Match 'task was canceled'
        $results[0].Findings.Code | Should -Contain 'CheckIncomplete'
    }
}

Describe 'Intune''s request budget' {
    BeforeAll {
        Set-AdeSimScenario -Simulator $sim -Scenario 'scale-many.json'
    }
    AfterAll {
        Set-ScenarioJson $sim $scaleJson
    }

    It 'stays under the budget the service enforces, in every sliding window, with retries and batch items counted' {
        Set-Budget $sim @{ limit = 40; writeLimit = 10; windowMs = 2000 }
        Connect-Fast 'retryDelaySeconds=0;budgetLimit=40;budgetWriteLimit=10;budgetWindowMs=2000'
        $results = @(Test-AdeTokenHealth -IncludeProfiles -AsOf $asOf -ErrorVariable e)
        $e | Should -BeNullOrEmpty
        $results.Count | Should -Be 120
        $budget = Get-Budget $sim
        $budget.accepted | Should -BeGreaterThan 120
        $budget.rejected | Should -Be 0
        $budget.maxInWindow | Should -BeLessOrEqual 40
    }

    It 'honours Retry-After and still finishes when the service throttles harder than the client expects' {
        Set-Budget $sim @{ limit = 40; writeLimit = 10; windowMs = 2000 }
        Connect-Fast 'retryDelaySeconds=0'
        $results = @(Test-AdeTokenHealth -IncludeProfiles -AsOf $asOf -ErrorVariable e)
        $e | Should -BeNullOrEmpty
        $results.Count | Should -Be 120
        (Get-Budget $sim).rejected | Should -BeGreaterThan 0
        (Get-AdeGraphContext).RequestsThrottled | Should -BeGreaterThan 0
    }
}

Describe '-ThrottleLimit caps the requests on the wire' {
    BeforeAll {
        # Relative dates are laid down at load time, so the fault-free run belongs to the same load.
        Set-ScenarioJson $sim $scaleJson
        Connect-Fast
        $script:gateAsOf = [DateTimeOffset]::UtcNow
        $script:gateExpected = Get-Signature @(Test-AdeTokenHealth -IncludeDevices -AsOf $gateAsOf)
    }
    AfterEach { Set-AdeSimFault $sim $null }

    It 'never has more than <Limit> device page(s) in flight, first pages and nextLink pages alike, and checks the same' -ForEach @(@{ Limit = 1 }, @{ Limit = 2 }) {
        # Slow pages, so that tokens in hand (twice the limit) would overlap on the wire if the cap missed any page.
        Set-AdeSimFault $sim @{ slow = @{ percent = 100; delayMs = 120; pathContains = 'importedAppleDeviceIdentities' } }
        Invoke-RestMethod -Method Delete "$($sim.Url)/_sim/inflight" | Out-Null
        $results = @(Test-AdeTokenHealth -IncludeDevices -AsOf $gateAsOf -ThrottleLimit $Limit)
        Get-Signature $results | Should -Be $gateExpected
        (Invoke-RestMethod "$($sim.Url)/_sim/inflight").maxBySegment.importedAppleDeviceIdentities | Should -Be $Limit
    }
}

Describe 'Ctrl+C' {
    BeforeAll {
        Set-ScenarioJson $sim $scaleJson
        $script:modulePath = Get-AdeTestModulePath
        function script:Start-Stoppable {
            param([string] $Command)
            # An app of its own: the long Retry-After below pauses this app's budget, and no other test should wait on it.
            $body = @{ roles = @('DeviceManagementServiceConfig.Read.All'); appId = [guid]::NewGuid().ToString() } | ConvertTo-Json
            $token = (Invoke-RestMethod -Method Post -Uri "$($sim.Url)/_sim/token" -Body $body -ContentType 'application/json').access_token
            $ps = [powershell]::Create()
            $null = $ps.AddScript(@"
Import-Module '$modulePath'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString '$token' -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null
$Command
"@)
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Invoke-RestMethod "$($sim.Url)/_sim/inflight").inFlight -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
        }
        function script:Stop-AndTime {
            param($Run)
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $Run.PowerShell.Stop()
            $sw.Stop()
            $Run.PowerShell.Dispose()
            $sw.Elapsed
        }
        function script:Wait-NoneInFlight {
            $deadline = [DateTime]::UtcNow.AddSeconds(5)
            do { $n = (Invoke-RestMethod "$($sim.Url)/_sim/inflight").inFlight; if ($n -eq 0) { break }; Start-Sleep -Milliseconds 50 } while ([DateTime]::UtcNow -lt $deadline)
            $n
        }
    }
    AfterEach { Set-AdeSimFault $sim $null }

    It 'stops Get-AdeDevice during a slow response at once, and leaves no request running' {
        Set-AdeSimFault $sim @{ slow = @{ percent = 100; delayMs = 30000; pathContains = 'importedAppleDeviceIdentities' } }
        $run = Start-Stoppable 'Get-AdeDevice -TokenId e7000000-0000-4000-8000-000000000001'
        (Invoke-RestMethod "$($sim.Url)/_sim/inflight").inFlight | Should -BeGreaterThan 0
        (Stop-AndTime $run).TotalSeconds | Should -BeLessThan 2
        Wait-NoneInFlight | Should -Be 0
    }

    It 'waits for the tenant read before it reports a failed token list, so no request outlives the command' {
        # The token list fails at once (401, and 401 again after a new token); the APNs read, sent beside it, is slow.
        Set-AdeSimFault $sim @{ unauthorized = @{ percent = 100; pathContains = 'depOnboardingSettings' }; slow = @{ percent = 100; delayMs = 1500; pathContains = 'applePushNotificationCertificate' } }
        $run = Start-Stoppable 'Test-AdeTokenHealth'
        $null = $run.PowerShell.EndInvoke($run.Handle)
        (Invoke-RestMethod "$($sim.Url)/_sim/inflight").inFlight | Should -Be 0
        @($run.PowerShell.Streams.Error).Count | Should -Be 1
        $run.PowerShell.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'GraphUnauthenticated,*'
        $run.PowerShell.Dispose()
    }

    It 'stops Test-AdeTokenHealth during a long Retry-After wait at once' {
        Set-AdeSimFault $sim @{ throttle = @{ percent = 100; retryAfterSeconds = 60; pathContains = 'importedAppleDeviceIdentities' }; slow = @{ first = 1; delayMs = 300; pathContains = 'importedAppleDeviceIdentities' } }
        $run = Start-Stoppable 'Test-AdeTokenHealth -IncludeDevices'
        Start-Sleep -Milliseconds 800
        (Stop-AndTime $run).TotalSeconds | Should -BeLessThan 2
        Wait-NoneInFlight | Should -Be 0
    }
}

Describe 'Many tenants at once (an MSP loop)' {
    BeforeAll {
        $script:tenants = @(
            @{ Id = '6c5b4a39-2817-4f6e-9d8c-7b6a5f4e3d2c'; Sim = $sim }
            @{ Id = '11111111-2222-4333-8444-555555555555'; Sim = (Start-AdeSimulator -Scenario 'scale.json') }
            @{ Id = '66666666-7777-4888-8999-aaaaaaaaaaaa'; Sim = (Start-AdeSimulator -Scenario 'scale.json') }
        )
        foreach ($t in $tenants) {
            Set-ScenarioJson $t.Sim ($scaleJson -replace '6c5b4a39-2817-4f6e-9d8c-7b6a5f4e3d2c', $t.Id)
            $t.Token = New-AdeSimToken -Simulator $t.Sim
            $t.Url = $t.Sim.Url
        }
        $modulePath = Get-AdeTestModulePath
        $work = $tenants | ForEach-Object { [pscustomobject]@{ Id = $_.Id; Url = $_.Url; Token = $_.Token } }
        $script:outputs = @($work | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:modulePath
                Connect-AdeGraph -AccessToken (ConvertTo-SecureString $_.Token -AsPlainText -Force) -GraphEndpoint $_.Url | Out-Null
                $results = @(Test-AdeTokenHealth -IncludeDevices)
                [pscustomobject]@{ Expected = $_.Id; Results = $results; Context = Get-AdeGraphContext }
            })
    }
    AfterAll {
        Stop-AdeSimulator $tenants[1].Sim
        Stop-AdeSimulator $tenants[2].Sim
    }

    It 'checks each tenant in its own runspace with its own connection' {
        $outputs.Count | Should -Be 3
        foreach ($o in $outputs) {
            $o.Results.Count | Should -Be 6
            $o.Context.TenantId | Should -Be $o.Expected
        }
    }

    It 'gives every result its tenant id' {
        foreach ($o in $outputs) { $o.Results.TenantId | Sort-Object -Unique | Should -Be $o.Expected }
    }

    It 'gives each tenant its own budget' {
        @($outputs.Context.RequestBudget | Sort-Object -Unique).Count | Should -Be 3
        foreach ($o in $outputs) { $o.Context.RequestBudget | Should -BeLike "$($o.Expected)|*" }
    }
}

Describe 'Runspaces over one tenant share one budget' {
    It 'keeps ForEach-Object -Parallel over one tenant and app under the budget' {
        Set-ScenarioJson $sim $scaleJson
        Set-Budget $sim @{ limit = 30; writeLimit = 10; windowMs = 2000 }
        $modulePath = Get-AdeTestModulePath
        $token = New-AdeSimToken -Simulator $sim
        $url = $sim.Url
        # A budget this small only exists for this test; every runspace reads the same setting.
        $env:ADETOKENS_TEST_RESILIENCE = 'retryDelaySeconds=0;budgetLimit=30;budgetWriteLimit=10;budgetWindowMs=2000'
        try {
            $counts = @(1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
                    Import-Module $using:modulePath
                    Connect-AdeGraph -AccessToken (ConvertTo-SecureString $using:token -AsPlainText -Force) -GraphEndpoint $using:url | Out-Null
                    @(Test-AdeTokenHealth -IncludeDevices).Count
                })
        }
        finally { Remove-Item Env:ADETOKENS_TEST_RESILIENCE -ErrorAction SilentlyContinue }
        $counts | Should -Be @(6, 6, 6)
        $budget = Get-Budget $sim
        $budget.accepted | Should -BeGreaterThan 60
        $budget.rejected | Should -Be 0
        $budget.maxInWindow | Should -BeLessOrEqual 30
    }
}
