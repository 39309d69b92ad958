// Generated from the Roster OpenAPI document by `pnpm api-client:generate`. Do not edit.

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in as an operator
         * @description Exchanges an operator’s username and password for a session token; send it as `Authorization: Bearer <token>` until `expiresAt`. Any failure is the same 401, so usernames cannot be probed; repeated failures from one address answer 429 with `Retry-After`.
         *
         *     **Access:** public; no token needed.
         */
        post: operations["loginOperator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Revokes the session token used for this request at once. API keys do not sign out (403): an owner deletes them instead.
         *
         *     **Access:** any valid token: the platform admin, or an operator or API key of any role.
         */
        post: operations["logoutOperator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is calling
         * @description The caller’s identity: operator or API key id, role, account and, for tenant-admins, the tenants they manage. The platform admin has `role: "platform-admin"` and `accountId: null`. Use it to decide what to show a signed-in operator.
         *
         *     **Access:** any valid token: the platform admin, or an operator or API key of any role.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description The platform admin sees every account; everyone else sees only their own (a one-item page).
         *
         *     **Access:** any valid token: the platform admin, or an operator or API key of any role.
         */
        get: operations["listAccounts"];
        put?: never;
        /**
         * Create an account
         * @description Creates a customer account with its subscription (licence model, limits, aggregation). Then create its first owner with `POST /accounts/{accountId}/operators`.
         *
         *     **Access:** the platform admin only; every other caller gets 403.
         */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an account
         * @description The account with its subscription.
         *
         *     **Access:** the platform admin, and operators or API keys of any role in the resource’s account. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        /**
         * Delete an account
         * @description Deletes the account with everything in it: operators, API keys, environments, tenants and their end users. Cannot be undone.
         *
         *     **Access:** the platform admin only; every other caller gets 403.
         */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        /**
         * Update an account
         * @description Owners may rename the account; changing `subscription` is for the platform admin only (403 for owners). Account names are unique only among the platform admin’s changes: an owner may choose a name another account has, and is never told so.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operators
         * @description The operators of the account, paginated; never their passwords.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listOperators"];
        put?: never;
        /**
         * Create an operator
         * @description Adds an operator to the account with a role (owner, admin, tenant-admin or billing); `tenantIds` only for tenant-admins, and only tenants of this account. Operator usernames are unique across the deployment after normalization (NFKC, then case folding) and follow the rules of end users’ usernames (400); a username in use anywhere answers 409 "not available", without saying where.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["createOperator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operators/{operatorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an operator
         * @description One operator of the caller’s account.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["getOperator"];
        put?: never;
        post?: never;
        /**
         * Delete an operator
         * @description Removes the operator; their sessions stop working at once. The account’s last owner cannot be deleted (409).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        delete: operations["deleteOperator"];
        options?: never;
        head?: never;
        /**
         * Update an operator
         * @description Changes the username, password, role or tenants. A new password ends the operator’s sessions. Demoting the account’s last owner is refused (409).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        patch: operations["updateOperator"];
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The account’s API keys, without their secrets.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Creates a key that acts with the given role (and tenants, for tenant-admin). The secret `key` is in this response only: store it now, it cannot be read again. Names are unique per account, ignoring case.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an API key
         * @description Revokes the key; requests using it fail with 401 at once.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List environments
         * @description The account’s environments; tenant-admins see only the environments holding their tenants.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listEnvironments"];
        put?: never;
        /**
         * Create an environment
         * @description Adds a production or non-production environment to the account. Only production environments count towards the subscription. Names are unique per account, ignoring case.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["createEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an environment
         * @description One environment with its kind and classification setting.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only environments that hold their tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getEnvironment"];
        put?: never;
        post?: never;
        /**
         * Delete an environment
         * @description Deletes an empty environment with its applications and roles. Refused with 409 while it still has tenants: delete them first.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["deleteEnvironment"];
        options?: never;
        head?: never;
        /**
         * Update an environment
         * @description Renames it, changes its kind (production or non-production) or whether all its users count as internal.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        patch: operations["updateEnvironment"];
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/internal-domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the environment’s internal domains
         * @description E-mail domains whose users count as internal in every tenant of the environment.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getEnvironmentInternalDomains"];
        /**
         * Replace the environment’s internal domains
         * @description Replaces the whole list. Domains are lower-cased and de-duplicated; each must be a valid DNS name (no `@`, no wildcard), else 400.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["replaceEnvironmentInternalDomains"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/applications/{applicationKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Declare an application and its roles
         * @description Creates (201) or re-declares (200) the application with its full list of roles. Roles of the application missing from the list become inactive (kept, but grant nothing); listed ones are (re)activated. A role key already used by another application of the environment is refused with 409.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["declareApplication"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List applications
         * @description The environment’s applications, each with its roles.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only environments that hold their tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listApplications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles
         * @description Every role of the environment across its applications, inactive ones included (`isActive: false`).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only environments that hold their tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description The environment’s tenants; tenant-admins see only their own.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only environments that hold their tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listTenants"];
        put?: never;
        /**
         * Create a tenant
         * @description Adds a client tenant to the environment. Names are unique per environment, ignoring case.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a tenant
         * @description One tenant.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant
         * @description Deletes the tenant with its end users, groups and grants. Cannot be undone.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["deleteTenant"];
        options?: never;
        head?: never;
        /**
         * Rename a tenant
         * @description Changes the tenant’s name.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/internal-domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the tenant’s internal domains
         * @description The client’s own e-mail domains: their users count as internal in this tenant, besides the environment’s domains.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getTenantInternalDomains"];
        /**
         * Replace the tenant’s internal domains
         * @description Replaces the whole list, with the same rules as the environment’s domains (lower-cased, de-duplicated, valid DNS names, else 400).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["replaceTenantInternalDomains"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count end users
         * @description How many users the list (`listUsers`) would hold with the same filters, without paging through it: `search`, `isActive`, `kind`, `licenseClass`, `groupId`, `roleKey`/`roleSource`, and the last-login window. `lastLoginBefore=T` counts users who last logged in before T **or never logged in** (never sorts as the earliest time, as in the `lastLoginAt` sort); `lastLoginAfter=T` counts users who logged in at or after T, never those who never logged in. Both at once must leave room between them (`lastLoginAfter < lastLoginBefore`), else 400.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["countUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/by-username/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find an end user by username
         * @description The user of the tenant with this username, compared after normalization (NFKC, then case folding), as uniqueness and logins compare usernames: exact, never a substring (use `listUsers` with `search` for that). 404 when no user of this tenant has it.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getUserByUsername"];
        /**
         * Create or update an end user by username
         * @description Takes the create body (`createUser`’s rules) and creates the registered user with the path’s username (201), or, when the tenant has a user with that username (once normalized), changes only the fields given, as `updateUser` does (200); a `password` sets the password, under the password rules. A `username` in the body must be the path’s once normalized (it may change how the name is written), else 400; `kind: "anonymous"` is a 400. Audited and announced as a creation or an update. Two requests for one new username at once create one user: the other updates it.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["upsertUserByUsername"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List end users
         * @description Filters by `search` (username, name or e-mail, case-insensitive substring), `isActive`, `kind`, `licenseClass` (one class or several, comma-separated, as the users count now), `groupId` and `roleKey` (granted directly or through a group), and a window on the last login: `lastLoginBefore=T` keeps users who last logged in before T **or never logged in**, `lastLoginAfter=T` those who logged in at or after T (never logged in: left out), as the `lastLoginAt` sort places them; both at once must leave room between them. Sorts by username, creation or last login. Pages stay stable while users change; `countUsers` counts the same filters.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create an end user
         * @description Creates a registered user (username unique per tenant after normalization: NFKC, then case folding; optional password and personal data) or an anonymous one (`{"kind": "anonymous"}`, no username, password or personal data). A password must be 8–256 characters and differ from the username (400). Usernames and names refuse invisible and direction-control characters, usernames a mix of look-alike scripts (400). An e-mail address another user of the tenant has, in any case, is a 409.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Act on many users at once
         * @description Activates, deactivates, deletes, adds to or removes from a group, grants or revokes a role for up to 1000 users in one transaction. Users that are not in this tenant fail one by one (listed in `failed` with 404); the others succeed. `grant-role` takes an optional `expiresAt` and sets every user’s direct grant to it, as `PUT …/users/:userId/roles/:roleKey` sets one: a grant the user holds already takes that expiry, and without `expiresAt` (or with null) no grant expires, so one held with an expiry loses it. An `expiresAt` not in the future answers 400 and changes nothing.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["runUserBulkAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an end user
         * @description One user; never a password or hash.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete an end user
         * @description Deletes the user with their memberships and grants; the usage count drops at the next count. With `ifNoRoles=true` the delete is refused (409) while the user holds a directly granted role; a grant past its `expiresAt` holds nothing and does not count, even before Roster has removed it.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Update an end user
         * @description Changes any field given at creation but `kind` and `password` (use `PUT …/password`). Giving an anonymous user a username makes it registered.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate an end user
         * @description Suspends every role of the user (grants are kept) and blocks their logins. Idempotent; returns the user.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["deactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate an end user
         * @description Restores the roles the user held and allows logins again. Idempotent; returns the user.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["activateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set an end user’s password
         * @description Replaces the user’s password (8–256 characters, not equal to the username, else 400). Anonymous users hold no password (409).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["setUserPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant’s imports
         * @description Newest first, without their errors (read one import for those).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listImports"];
        put?: never;
        /**
         * Import users from a CSV or JSON Lines file
         * @description Stores the file (streamed) and queues its import: every row is checked with the rules of the users API, then against the file (the same username or address twice) and the tenant (addresses taken, unknown groups and roles), and matched to an existing user by username (once normalized), else by an externalId one user has. With `dryRun=true` the import stops at `validated` with its prediction (created, updated, unchanged, failed, license effect, errors) until applied. Rows with errors are never written; the others are, in batches. Follow it with `GET …/imports/:importId`. An empty file, an unknown column or a plain password column is a 400 at once; a file over 512 MB (the deployment’s IMPORT_MAX_SIZE) a 413 naming the limit, and nothing of it is stored.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["createImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an import: its state, prediction or outcome, and errors
         * @description The counts are the dry run’s prediction until the import is applied, then what the apply did (equal unless the tenant changed meanwhile). `errors`: the first 1000, each with its line and column.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/imports/{importId}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download every error of an import
         * @description All the errors of the import as CSV (line, field, message), in line order.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getImportErrors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/imports/{importId}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a dry run
         * @description Applies a validated dry run (its rows are re-checked first if the tenant changed). From any other state a 409 says which state the import is in.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["applyImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/imports/{importId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an import
         * @description Cancels a queued, validating, validated or applying import; the worker stops before its next batch. Batches applied before stay applied (`batches.applied`). A finished import is a 409.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["cancelImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export end users as CSV or JSON Lines
         * @description Streams every user of the tenant that the users list would show with the same filters (`search`, `isActive`, `kind`, `licenseClass`, `groupId`, `roleKey`, `roleSource`, `lastLoginBefore`, `lastLoginAfter`), in its `sort` order (default `username`), as one file read from one consistent snapshot of the database. Never a password or a hash.
         *
         *     Fields, in this order: `id`, `username`, `name`, `email`, `mobilePhone`, `externalId`, `kind`, `isActive`, `licenseClass`, `createdAt`, `updatedAt`, `lastLoginAt`, `groups`, `roles`. `groups` are the names of the groups the user is in (by name), `roles` the keys of the roles granted to the user directly (by key; roles held through a group are in the group). `licenseClass` is what the user counts as now, as in the list. Times are ISO 8601 UTC with milliseconds.
         *
         *     **CSV** (`format=csv`, the default; `text/csv; charset=utf-8`, UTF-8 without a byte-order mark): a header row with the field names, then one record per user, CRLF line ends, comma-separated (RFC 4180). Every text field (`username`, `name`, `email`, `mobilePhone`, `externalId`, `groups`, `roles`) is enclosed in double quotes with its quotes doubled, and may hold commas, semicolons and line breaks; an **empty, unquoted** field is a missing value (`null`, or no groups/roles), as no stored text is empty. `isActive` is `true` or `false`. A multi-valued field (`groups`, `roles`) joins its values with `;`, each value with `\` written `\\` and `;` written `\;` (so a group named `R&D; Ops` appears as `R&D\; Ops`): split on the `;` not preceded by an escaping `\`, then replace `\x` by `x`.
         *
         *     **Formula protection** (CSV only): a text field whose value begins with `=`, `+`, `-`, `@`, a tab, a carriage return or `'` is written with one `'` in front (`=SUM(A1)` → `'=SUM(A1)`, `+1 555 0100` → `'+1 555 0100`), so that a spreadsheet shows it as text instead of running it. The value itself is unchanged: a reader removes the first character of every text field that begins with `'`, before splitting a multi-valued one. JSON Lines carry the values as they are.
         *
         *     **JSON Lines** (`format=jsonl`, `application/x-ndjson`): one compact JSON object per line (LF), with the fields above as keys (`null` for a missing value), `groups` and `roles` as arrays of strings.
         *
         *     The file is sent as an attachment, `users-<tenant name>-<date>.csv` (or `.jsonl`): the tenant’s name reduced to letters, digits and dashes (its id when nothing is left), and the UTC date. Errors found before the first byte (a bad filter, an unknown group or role) answer problem+json as usual; a failure later cuts the response short (the chunked body never ends properly). At most three exports run at once per API instance (429 with `Retry-After` beyond that); a client that reads nothing for a minute is disconnected.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["exportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List groups
         * @description The tenant’s groups by name, each with its `memberCount`; `search` filters by name.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listGroups"];
        put?: never;
        /**
         * Create a group
         * @description Adds a group to the tenant. Names are unique per tenant, ignoring case.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a group
         * @description One group with its `memberCount`.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getGroup"];
        put?: never;
        post?: never;
        /**
         * Delete a group
         * @description Deletes the group, its memberships and its role grants; members lose the roles they held only through it at once.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        /**
         * Update a group
         * @description Renames the group or changes its description.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        patch: operations["updateGroup"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/groups/{groupId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a group’s members
         * @description The group’s users, with the filters and sorts of the users list.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listGroupMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/groups/{groupId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a user to a group
         * @description The user gains the group’s roles at once. Idempotent.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["addGroupMember"];
        post?: never;
        /**
         * Remove a user from a group
         * @description The user loses the roles held only through this group at once. Idempotent.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["removeGroupMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a user’s groups
         * @description The groups the user is a member of, by name.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listUserGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user’s effective roles
         * @description Every role the user holds, directly or through groups, with its sources (each with `expiresAt` when that grant expires; expired grants count for nothing). While the user is inactive `items` is empty and `suspended` is true.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listUserRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/roles/{roleKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Grant a role to a user
         * @description Grants the role directly; idempotent, allowed on inactive users (it applies once they are active). An unknown role key answers 404. An optional body `{expiresAt}` makes the grant expire: it counts until that instant and not from it on (effective roles, role checks, logins), and Roster then removes it (audited as a revoke with `reason: "expired"`). The grant is set to what the request says: re-granting changes the expiry, and no body, `{}` or `{expiresAt: null}` leaves none. An `expiresAt` not in the future answers 400.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["grantRoleToUser"];
        post?: never;
        /**
         * Revoke a role from a user
         * @description Removes the direct grant; roles held through groups stay. Idempotent.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["revokeRoleFromUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/check-role/{roleKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check whether a user holds a role
         * @description Answers `{granted}` for one role, directly or through a group; false for inactive users and inactive roles. The cheap call for an application’s authorisation checks.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["checkUserRole"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/groups/{groupId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a group’s roles
         * @description The roles granted to the group, by key; each with `expiresAt` when it expires, expired ones left out.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listGroupRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/groups/{groupId}/roles/{roleKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Grant a role to a group
         * @description Every member holds the role at once. Idempotent; an unknown role key answers 404. An optional body `{expiresAt}` makes the grant expire, for every member at that instant; re-granting changes the expiry, and no body, `{}` or `{expiresAt: null}` leaves none. An `expiresAt` not in the future answers 400.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["grantRoleToGroup"];
        post?: never;
        /**
         * Revoke a role from a group
         * @description Members lose the role unless they hold it another way. Idempotent.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["revokeRoleFromGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in as an end user
         * @description Checks an end user’s username and password and returns a short-lived JWT access token (`sub` user id, `tid` tenant id, `roles`, `iss`, and `aud`: the keys of the applications declared in the tenant’s environment), signed with a key of the tenant and verifiable with the tenant’s JWKS only. An application checks `iss`, that `aud` contains its key, and the signature. Unknown user, wrong password, inactive or anonymous user all answer the same 401. Repeated failures block the username from that address (3 in 60 minutes: 30 s, 6: 30 min) or the address (20: 5 min, 50: 1 h), and 100 failures of one username across addresses hold it back for 30 s from everywhere: 429 with `Retry-After`. A login that could not be decided because of a server fault answers 503 and is not counted as a failure.
         *
         *     **Access:** public; no token needed.
         */
        post: operations["loginEndUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/auth/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the tenant’s public signing keys
         * @description The JSON Web Key Set that verifies access tokens of this tenant, and of no other: each tenant has signing keys of its own (made on first use). Cache it for up to five minutes and refetch on an unknown `kid`.
         *
         *     **Access:** public; no token needed.
         */
        get: operations["getTenantJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/login-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a user’s login attempts
         * @description The user’s recent login attempts, newest first, with result (logged-in, invalid-password, blocked-user …) and client address.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listUserLoginAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/unblock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a login block
         * @description Lifts every brute-force block on the user’s username, from every address, and forgets its failures. Blocks of client addresses stay (DELETE /tenants/{tenantId}/login-blocks/{blockId} lifts one). An inactive user still cannot log in.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["unblockUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/users/{userId}/login-block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get whether a user is blocked from logging in
         * @description Whether the user’s username is blocked now, from which addresses and until when (blocks of client addresses, which hold back every user, are listed by GET /tenants/{tenantId}/login-blocks).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getUserLoginBlockStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/login-blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant’s login blocks
         * @description The brute-force blocks in force in the tenant, soonest to end first: client addresses, (username, address) pairs and usernames held back across addresses, each with its end. Usernames no known user has are kept only as keyed hashes, so their blocks show no name.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listLoginBlocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/login-blocks/{blockId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Lift one login block
         * @description Lifts the block at once and forgets the failures behind it; recorded as login-block.lifted.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["liftLoginBlock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signing-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate every tenant’s token signing key
         * @description For every tenant, a new key signs access tokens from now on (made at the tenant’s next login); tokens signed with the previous key stay valid until they expire, and its private half is erased.
         *
         *     **Access:** the platform admin only; every other caller gets 403.
         */
        post: operations["rotateSigningKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account’s audit events
         * @description Every change in the account, newest first; filter by `targetId`, `actorId`, `action` and a `from`/`to` time range.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listAccountAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant’s audit events
         * @description Every change in the tenant, newest first, with the same filters as the account’s audit events.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listTenantAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an environment’s usage
         * @description The latest count of the environment’s end users per dimension (internal, external, named, anonymous, inactive); counts and `computedAt` are null before the first count.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getEnvironmentUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the account’s usage
         * @description The latest totals over the production environments, against the subscription’s limits, with a status per dimension (ok, warning, exceeded; null where no limit applies).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["getAccountUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List usage per environment
         * @description The latest count of every environment of the account, production first; non-production ones are listed too but never enter the totals.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listAccountEnvironmentUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the account’s usage history
         * @description The peak of each hour or day that holds counts, oldest first; at most 31 days by the hour or 366 days by the day (400 beyond).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["getAccountUsageHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage/recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recount the account’s usage now
         * @description Queues a recount instead of waiting for the scheduled one and answers 202 with its `jobId`; poll `GET /jobs/{jobId}`, then read the usage again. 503 while the job queue (Redis) is unavailable.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["recountAccountUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List usage per client tenant
         * @description Every client tenant of the account with the counts in force for it (the latest count; nulls before its first), sortable by name or any count, paged. `attribution` says how a person with records in several tenants is counted, and how the tenants relate to the account total under its aggregation.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listTenantUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/usage/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a client tenant’s usage history
         * @description The peak of each hour or day in which the tenant’s counts are known (from its first count to its newest), oldest first; at most 31 days by the hour or 366 days by the day (400 beyond).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getTenantUsageHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Oldest first.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Subscribes a URL to the event types named (the catalog is this document's `webhooks`). Each event is POSTed as CloudEvents 1.0 JSON (`Content-Type: application/cloudevents+json`) and signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The signing `secret` is in this response only.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Without its secret.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description With its delivery log; deliveries not yet made are dropped.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Any field of the creation. Setting `enabled` clears `disabledReason`; messages that failed while the endpoint was failing stay failed (redeliver them from the log).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{webhookId}/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook’s signing secret
         * @description A new secret, shown only in this response. For 24 hours every delivery carries two signatures, one by each secret, so the receiver can switch without losing an event.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhookId}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Queues a `roster.ping` event to the endpoint, whatever it subscribed to; see the delivery log.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["pingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook’s deliveries
         * @description Every attempt, newest first; `status` narrows to succeeded or failed ones.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver an event again
         * @description Sends the delivery’s event again (same event id, so a receiver that saw it can tell).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        post: operations["redeliverWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List closed billing statements
         * @description One per billing period that ended (monthly from the subscription’s `billingDay`, UTC), newest first, with the account’s figures; a statement never changes once closed.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["listUsageStatements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/usage/statements/{periodStart}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one billing statement
         * @description Per dimension the peak, p95, average (weighted by time) and end value for the account and each production environment, with the limits and status in force at the end. `periodStart` is the period’s first day (`2026-11-01`). JSON, or CSV with `Accept: text/csv` or `?format=csv`.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. A resource of another account answers 404, so ids leak nothing.
         */
        get: operations["getUsageStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a background job
         * @description The state of a job the API queued (a usage recount’s `jobId`, or an import’s from `POST …/imports` and `…/apply`): waiting, active, completed (with `result`) or failed (with `failedReason`); poll it until it is completed or failed. An import’s job completes once its dry run is validated (or, applied, once it is applied) with `result` = `{importId, state, total, created, updated, unchanged, failed, batches}`; the import itself (`GET …/imports/:importId`) stays the full account of it, errors included.
         *
         *     **Access:** by the kind of resource. A usage recount’s or policy run’s job: the platform admin, and operators or API keys of the resource’s account with role owner, admin or billing; other roles get 403. An import’s job: the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the API’s health
         * @description Whether PostgreSQL and Redis answer (within a second each), with job counts per queue. 200 with `status: "ok"` when both are up, 503 with `status: "degraded"` and the failing part otherwise.
         *
         *     **Access:** public; no token needed.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers 200 as long as the process runs and its event loop responds. It checks no dependency on purpose: a database or Redis outage must take replicas out of rotation (readiness), not restart them. Restart the process when this does not answer. No authentication.
         *
         *     **Access:** public; no token needed.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description Answers 200 when this replica can serve traffic: PostgreSQL and Redis each answer within a second and every migration of this build has run. Answers 503 naming the failing parts otherwise, and from the moment the process receives SIGTERM (`shuttingDown: true`), so a load balancer stops sending before the listener closes. Send no traffic while it answers 503. No authentication.
         *
         *     **Access:** public; no token needed.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/scim-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SCIM tokens
         * @description Without their secrets.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listScimTokens"];
        put?: never;
        /**
         * Create a SCIM token
         * @description Creates the bearer token an identity provider (Entra ID, Okta …) provisions the tenant with, at `/scim/v2/tenants/{tenantId}`. It works there only, and for this tenant only. The secret `token` is in this response only.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["createScimToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/scim-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest SCIM requests
         * @description The tenant’s latest 200 authenticated SCIM requests, newest first, with their outcome: what the identity provider did, and why a request failed.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listScimRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scim-tokens/{scimTokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a SCIM token
         * @description SCIM requests with the token fail with 401 at once.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["deleteScimToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/lifecycle-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the environment’s dormant-user policy
         * @description The environment’s policy, or `source: null, policy: null` when it has none. A registered, active user is dormant when its last login — or, never logged in, its creation — is more than `deactivateAfterDays` days (of 24 hours) ago; the policy deactivates dormant users (grants and memberships kept, seat freed). With `deleteAfterDays` it deletes the users it deactivated itself at least that many days ago, still inactive, changed by nobody since, and last seen more than `deactivateAfterDays + deleteAfterDays` days ago; users deactivated by anyone else are never deleted by a policy. Members of `exceptGroupIds` and holders (directly or through a group, by an unexpired grant) of `exceptRoleKeys` are never touched. Runs daily; every change is audited and told like an operator’s (`user.deactivated`, `user.deleted`) with the policy as actor (`actorType: "lifecycle-policy"`, `actorId`: the policy’s id).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getEnvironmentLifecyclePolicy"];
        /**
         * Set the environment’s dormant-user policy
         * @description Sets or replaces the policy of every tenant of the environment without an override of its own. `exceptGroupIds` must be empty here (groups belong to tenants: 400); `exceptRoleKeys` are role keys of the environment (an unknown one: 400 naming it). Days are whole numbers from 1 to 3650. Audited as `environment.lifecycle-policy.replaced`.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["putEnvironmentLifecyclePolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/lifecycle-policy/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview the environment’s dormant-user policy
         * @description Who the policy would deactivate and delete now in the tenants that follow it (counts, and the first 100 of each, longest unseen first), the seats freed per tenant, and how much the account’s licensed totals would drop (production environments, the account’s aggregation) once recounted. A run at the same instant does exactly this. Tenants with an override of their own are listed apart. 404 while the environment has no policy (a disabled one is previewed).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["previewEnvironmentLifecyclePolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/lifecycle-policy/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the runs of dormant-user policies in the environment
         * @description Every tenant’s runs (its own override’s or the environment’s policy), newest first.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listEnvironmentLifecycleRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{environmentId}/lifecycle-policy/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the environment’s dormant-user policy now
         * @description Queues a run for every tenant that follows the policy (besides the daily one) and answers 202 with the `jobId` of the job that queues them; follow the runs with `GET …/lifecycle-policy/runs`. 409 without an enabled policy; 503 while the job queue is unavailable.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner or admin; other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["runEnvironmentLifecyclePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/lifecycle-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the tenant’s dormant-user policy
         * @description The policy in effect for the tenant with where it comes from (`source`: its own override, its environment, or null when none applies), and the environment’s policy beside it. A registered, active user is dormant when its last login — or, never logged in, its creation — is more than `deactivateAfterDays` days (of 24 hours) ago; the policy deactivates dormant users (grants and memberships kept, seat freed). With `deleteAfterDays` it deletes the users it deactivated itself at least that many days ago, still inactive, changed by nobody since, and last seen more than `deactivateAfterDays + deleteAfterDays` days ago; users deactivated by anyone else are never deleted by a policy. Members of `exceptGroupIds` and holders (directly or through a group, by an unexpired grant) of `exceptRoleKeys` are never touched. Runs daily; every change is audited and told like an operator’s (`user.deactivated`, `user.deleted`) with the policy as actor (`actorType: "lifecycle-policy"`, `actorId`: the policy’s id).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["getTenantLifecyclePolicy"];
        /**
         * Override the dormant-user policy for the tenant
         * @description Sets or replaces the tenant’s own policy, which replaces the environment’s entirely for this tenant. `exceptGroupIds` are groups of the tenant and `exceptRoleKeys` roles of its environment (an unknown one: 400 naming it). Audited as `tenant.lifecycle-policy.replaced`.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        put: operations["putTenantLifecyclePolicy"];
        post?: never;
        /**
         * Remove the tenant’s override
         * @description The environment’s policy applies to the tenant again. Idempotent; audited as `tenant.lifecycle-policy.deleted`.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        delete: operations["deleteTenantLifecyclePolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/lifecycle-policy/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview the tenant’s dormant-user policy
         * @description Who the policy in effect would deactivate and delete in the tenant now (counts, and the first 100 of each), the seats freed in the tenant’s counts and — for owners and admins — how much the account’s licensed totals would drop once recounted (`seatsSaved`; null for tenant-admins). A run at the same instant does exactly this. 404 while no policy applies (a disabled one is previewed).
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["previewTenantLifecyclePolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/lifecycle-policy/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the runs of the tenant’s dormant-user policy
         * @description Newest first: when, by which policy and trigger, what it deactivated and deleted, or why it failed.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        get: operations["listTenantLifecycleRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/lifecycle-policy/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the tenant’s dormant-user policy now
         * @description Queues a run of the policy in effect (besides the daily one; a run already waiting or running is joined) and answers 202 with its `jobId`; follow it with `GET …/lifecycle-policy/runs`. 409 without an enabled policy; 503 while the job queue is unavailable.
         *
         *     **Access:** the platform admin, and operators or API keys of the resource’s account with role owner, admin or tenant-admin (tenant-admins: only their own tenants); other roles get 403. A resource of another account, or one outside a tenant-admin’s tenants, answers 404, so ids leak nothing.
         */
        post: operations["runTenantLifecyclePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "roster.user.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.created
         * @description An end user was created. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.updated
         * @description An end user’s username, name, e-mail, phone, external id or kind changed. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserUpdatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.activated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.activated
         * @description An end user was activated: their grants apply again and they count as licensed. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserActivatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.deactivated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.deactivated
         * @description An end user was deactivated: every permission suspended, grants kept, seat freed (by a dormant-user policy: `actor.kind` is `lifecycle-policy`). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserDeactivatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.deleted
         * @description An end user was deleted (by a dormant-user policy: `actor.kind` is `lifecycle-policy`). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserDeletedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.password.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.password.changed
         * @description An end user’s password was set or changed (never the password itself). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserPasswordChangedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.blocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.blocked
         * @description Failed logins blocked an end user’s username, from one address or (past the ceiling) from everywhere. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserBlockedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.role.granted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.role.granted
         * @description A role was granted to an end user directly (`after.expiresAt`: when it expires), or an existing grant’s expiry changed (`before`: the grant it replaced). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserRoleGrantedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.user.role.revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.user.role.revoked
         * @description A role granted to an end user directly was revoked, or removed once it expired (`before.reason: "expired"`). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUserRoleRevokedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.created
         * @description A group was created. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.updated
         * @description A group’s name or description changed. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupUpdatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.deleted
         * @description A group was deleted (its members lose the roles it granted). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupDeletedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.member.added": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.member.added
         * @description An end user was added to a group (and holds its roles). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupMemberAddedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.member.removed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.member.removed
         * @description An end user was removed from a group. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupMemberRemovedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.role.granted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.role.granted
         * @description A role was granted to a group: every member holds it (until `after.expiresAt` when set); or an existing grant’s expiry changed (`before`: the grant it replaced). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupRoleGrantedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.group.role.revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.group.role.revoked
         * @description A role granted to a group was revoked, or removed once it expired (`before.reason: "expired"`). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterGroupRoleRevokedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.application.declared": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.application.declared
         * @description An application declared its roles in an environment (first time or again). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterApplicationDeclaredEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.tenant.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.tenant.created
         * @description A client tenant was created. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterTenantCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.tenant.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.tenant.updated
         * @description A client tenant was renamed or its settings changed. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterTenantUpdatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.tenant.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.tenant.deleted
         * @description A client tenant was deleted with its users. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterTenantDeletedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.tenant.internal-domains.replaced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.tenant.internal-domains.replaced
         * @description A tenant’s internal e-mail domains were replaced. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterTenantInternalDomainsReplacedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.environment.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.environment.created
         * @description An environment was created. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterEnvironmentCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.environment.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.environment.updated
         * @description An environment’s name, kind or classification changed. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterEnvironmentUpdatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.environment.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.environment.deleted
         * @description An environment was deleted with its tenants. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterEnvironmentDeletedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.environment.internal-domains.replaced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.environment.internal-domains.replaced
         * @description An environment’s internal e-mail domains were replaced. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterEnvironmentInternalDomainsReplacedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.usage.snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.usage.snapshot
         * @description A recount stored the account’s totals, limits and status (its id is the same however often it is sent). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUsageSnapshotEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.usage.limit.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.usage.limit.changed
         * @description A dimension’s status moved between ok, warning and exceeded: `before` and `after` name each one that moved. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUsageLimitChangedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.usage.statement.closed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.usage.statement.closed
         * @description A billing period ended and its statement was closed: it never changes (GET /accounts/{id}/usage/statements). Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterUsageStatementClosedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "roster.ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * roster.ping
         * @description A test event sent on request (POST /webhooks/{webhookId}/ping); always delivered. Signed per Standard Webhooks; answer 2xx within 10 s.
         */
        post: operations["rosterPingEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        OperatorLogin: {
            username: string;
            password: string;
        };
        OperatorSession: {
            token: string;
            /** Format: date-time */
            expiresAt: string;
            operator: components["schemas"]["Operator"];
        };
        /**
         * @example {
         *       "id": "e5a3c9b8-7d2f-4e1a-b6c4-3f8d1a0e7b6a",
         *       "accountId": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "username": "dana@acme.example",
         *       "role": "tenant-admin",
         *       "tenantIds": [
         *         "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34"
         *       ],
         *       "createdAt": "2026-01-12T09:45:00.000Z",
         *       "updatedAt": "2026-01-12T09:45:00.000Z"
         *     }
         */
        Operator: {
            /** Format: uuid */
            id: string;
            accountId: string | null;
            username: string;
            /** @enum {string} */
            role: "platform-admin" | "owner" | "admin" | "tenant-admin" | "billing";
            tenantIds: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description RFC 9457 problem details
         * @example {
         *       "type": "https://roster.dev/problems/400",
         *       "title": "Invalid request",
         *       "status": 400,
         *       "detail": "The request has 1 invalid field(s): email.",
         *       "errors": [
         *         {
         *           "field": "email",
         *           "message": "must be a valid email address"
         *         }
         *       ]
         *     }
         */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            errors?: {
                field: string;
                message: string;
            }[];
            requestId?: string;
        };
        /**
         * @example {
         *       "id": "e5a3c9b8-7d2f-4e1a-b6c4-3f8d1a0e7b6a",
         *       "kind": "operator",
         *       "username": "dana@acme.example",
         *       "role": "tenant-admin",
         *       "accountId": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "tenantIds": [
         *         "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34"
         *       ]
         *     }
         */
        Me: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "operator" | "api-key";
            /** @description The operator’s username, or the API key’s name */
            username: string;
            /** @enum {string} */
            role: "platform-admin" | "owner" | "admin" | "tenant-admin" | "billing";
            accountId: string | null;
            tenantIds: string[];
        };
        /**
         * @example {
         *       "name": "Acme Software",
         *       "subscription": {
         *         "model": "internal-external",
         *         "internalLimit": 500,
         *         "externalLimit": 20000
         *       }
         *     }
         */
        CreateAccount: {
            name: string;
            subscription: components["schemas"]["SubscriptionInput"];
        };
        SubscriptionInput: {
            /** @enum {string} */
            model: "internal-external" | "named";
            /** @description null means unlimited */
            internalLimit?: number | null;
            /** @description null means unlimited */
            externalLimit?: number | null;
            /** @description null means unlimited */
            namedLimit?: number | null;
            /**
             * @description default: sum
             * @enum {string}
             */
            aggregation?: "sum" | "unique";
            /** @description default: 1 */
            billingDay?: number;
        };
        /**
         * @example {
         *       "id": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "name": "Acme Software",
         *       "subscription": {
         *         "model": "internal-external",
         *         "internalLimit": 500,
         *         "externalLimit": 20000,
         *         "namedLimit": null,
         *         "aggregation": "sum",
         *         "billingDay": 1
         *       },
         *       "createdAt": "2026-01-12T09:30:00.000Z",
         *       "updatedAt": "2026-03-02T14:05:00.000Z"
         *     }
         */
        Account: {
            /** Format: uuid */
            id: string;
            name: string;
            subscription: components["schemas"]["Subscription"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Subscription: {
            /** @enum {string} */
            model: "internal-external" | "named";
            internalLimit: number | null;
            externalLimit: number | null;
            namedLimit: number | null;
            /** @enum {string} */
            aggregation: "sum" | "unique";
            /** @description The day of the month (UTC) each billing period starts; 1–28, so every month has it */
            billingDay: number;
        };
        UpdateAccount: {
            name?: string;
            subscription?: {
                /** @enum {string} */
                model?: "internal-external" | "named";
                /** @description null means unlimited */
                internalLimit?: number | null;
                /** @description null means unlimited */
                externalLimit?: number | null;
                /** @description null means unlimited */
                namedLimit?: number | null;
                /**
                 * @description default: sum
                 * @enum {string}
                 */
                aggregation?: "sum" | "unique";
                /** @description default: 1 */
                billingDay?: number;
            };
        };
        CreateOperator: {
            /** @description Unique across the deployment after normalization (NFKC, then case folding); kept as typed. No invisible or direction-control characters, no mix of look-alike scripts. */
            username: string;
            password: string;
            /** @enum {string} */
            role: "owner" | "admin" | "tenant-admin" | "billing";
            tenantIds?: string[];
        };
        UpdateOperator: {
            /** @description Unique across the deployment after normalization (NFKC, then case folding); kept as typed. No invisible or direction-control characters, no mix of look-alike scripts. */
            username?: string;
            password?: string;
            /** @enum {string} */
            role?: "owner" | "admin" | "tenant-admin" | "billing";
            tenantIds?: string[];
        };
        CreateApiKey: {
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "tenant-admin" | "billing";
            tenantIds?: string[];
        };
        CreatedApiKey: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "tenant-admin" | "billing";
            tenantIds: string[];
            /** @description The first characters of the key, to tell keys apart */
            keyPrefix: string;
            /** Format: date-time */
            createdAt: string;
            lastUsedAt: string | null;
            /** @description The secret key; shown only in this response */
            key: string;
        };
        /**
         * @example {
         *       "id": "f1d7b3a9-4c8e-4b2d-9e6f-8a5c2d1b0e7c",
         *       "accountId": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "name": "HR sync",
         *       "role": "tenant-admin",
         *       "tenantIds": [
         *         "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34"
         *       ],
         *       "keyPrefix": "rst_4Fq9aZ",
         *       "createdAt": "2026-02-01T08:00:00.000Z",
         *       "lastUsedAt": "2026-03-04T06:12:09.000Z"
         *     }
         */
        ApiKey: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "tenant-admin" | "billing";
            tenantIds: string[];
            /** @description The first characters of the key, to tell keys apart */
            keyPrefix: string;
            /** Format: date-time */
            createdAt: string;
            lastUsedAt: string | null;
        };
        CreateEnvironment: {
            name: string;
            /** @enum {string} */
            kind: "production" | "non-production";
            /** @description default: false */
            classifyAllInternal?: boolean;
        };
        /**
         * @example {
         *       "id": "3c6d2e41-8a7b-4f19-b0c2-7e5d9a1f4c22",
         *       "accountId": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "name": "Production",
         *       "kind": "production",
         *       "classifyAllInternal": false,
         *       "createdAt": "2026-01-12T10:00:00.000Z",
         *       "updatedAt": "2026-01-12T10:00:00.000Z"
         *     }
         */
        Environment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            name: string;
            /** @enum {string} */
            kind: "production" | "non-production";
            classifyAllInternal: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateEnvironment: {
            name?: string;
            /** @enum {string} */
            kind?: "production" | "non-production";
            classifyAllInternal?: boolean;
        };
        InternalDomainList: {
            domains: string[];
        };
        InternalDomains: {
            domains: string[];
        };
        /**
         * @example {
         *       "name": "Plant console",
         *       "roles": [
         *         {
         *           "key": "console.viewer",
         *           "name": "Viewer",
         *           "description": "Reads the dashboards"
         *         },
         *         {
         *           "key": "console.operator",
         *           "name": "Operator",
         *           "description": "Acknowledges alarms"
         *         }
         *       ]
         *     }
         */
        DeclareApplication: {
            name: string;
            roles: {
                key: string;
                name: string;
                description?: string;
            }[];
        };
        Application: {
            key: string;
            name: string;
            roles: components["schemas"]["Role"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Role: {
            key: string;
            name: string;
            description: string;
            applicationKey: string;
            /** @description false once the application stops declaring it; its grants are kept but grant nothing */
            isActive: boolean;
        };
        ApplicationList: {
            items: components["schemas"]["Application"][];
        };
        RoleList: {
            items: components["schemas"]["Role"][];
        };
        CreateTenant: {
            name: string;
        };
        /**
         * @example {
         *       "id": "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34",
         *       "accountId": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "environmentId": "3c6d2e41-8a7b-4f19-b0c2-7e5d9a1f4c22",
         *       "name": "Globex Corporation",
         *       "createdAt": "2026-01-13T11:20:00.000Z",
         *       "updatedAt": "2026-01-13T11:20:00.000Z"
         *     }
         */
        Tenant: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /** Format: uuid */
            environmentId: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateTenant: {
            name?: string;
        };
        UserCount: {
            /** @description users of the tenant matching every filter given */
            count: number;
        };
        /**
         * @example {
         *       "id": "9d4b7e12-6f3a-4c8d-a1e5-0c2b8f7a6d46",
         *       "tenantId": "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34",
         *       "kind": "registered",
         *       "username": "h.simpson",
         *       "name": "Homer Simpson",
         *       "email": "homer@globex.example",
         *       "mobilePhone": "+1 555 0100",
         *       "externalId": "EMP-0042",
         *       "isActive": true,
         *       "licenseClass": "external",
         *       "createdAt": "2026-01-14T08:00:00.000Z",
         *       "updatedAt": "2026-02-20T16:45:00.000Z",
         *       "lastLoginAt": "2026-03-04T07:58:31.000Z"
         *     }
         */
        User: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** @enum {string} */
            kind: "registered" | "anonymous";
            username: string | null;
            name: string | null;
            email: string | null;
            mobilePhone: string | null;
            externalId: string | null;
            isActive: boolean;
            /**
             * @description What the user counts as for licensing now: inactive while not active, anonymous for an active anonymous user, else internal or external by its address’s domain and the internal domains of its tenant and environment. Computed when read, so it follows changes to those domains.
             * @enum {string}
             */
            licenseClass: "internal" | "external" | "anonymous" | "inactive";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            lastLoginAt: string | null;
        };
        /**
         * @description The create body (CreateUser). `username` may be left out: the path gives it; given, it must be the path’s username once normalized, and may change how it is written. `kind` may only be registered.
         * @example {
         *       "name": "Homer Simpson",
         *       "email": "homer@globex.example",
         *       "externalId": "EMP-0042"
         *     }
         */
        UpsertUser: {
            /**
             * @description registered (default) or anonymous
             * @enum {string}
             */
            kind?: "registered" | "anonymous";
            /** @description the path’s username, which it defaults to; given, it must be that name once normalized (NFKC, then case folding) and is stored as written here, so it can change how the name is written (`Ada` for `ada`) */
            username?: string;
            password?: string;
            name?: string | null;
            email?: string | null;
            mobilePhone?: string | null;
            externalId?: string | null;
            isActive?: boolean;
        };
        /**
         * @example {
         *       "username": "h.simpson",
         *       "password": "correct horse battery staple",
         *       "name": "Homer Simpson",
         *       "email": "homer@globex.example",
         *       "externalId": "EMP-0042"
         *     }
         */
        CreateUser: {
            /**
             * @description registered (default) or anonymous
             * @enum {string}
             */
            kind?: "registered" | "anonymous";
            /** @description required for registered users. Unique per tenant after normalization (NFKC, then case folding: `Straße` and `STRASSE`, `ＡＤＡ` and `ada` are one name); kept as typed. No invisible or direction-control characters, no mix of look-alike scripts (Latin with Cyrillic or Greek). */
            username?: string;
            password?: string;
            name?: string | null;
            email?: string | null;
            mobilePhone?: string | null;
            externalId?: string | null;
            isActive?: boolean;
        };
        BulkAction: {
            /** @enum {string} */
            action: "activate" | "deactivate" | "delete" | "add-to-group" | "remove-from-group" | "grant-role" | "revoke-role";
            userIds: string[];
            /** Format: uuid */
            groupId?: string;
            roleKey?: string;
            /** @description grant-role only: when every grant it sets stops counting, ISO 8601 and in the future (else 400); null or absent: never. Each user’s grant is set to it, as `PUT …/roles/:roleKey` with `{expiresAt}` sets one: a grant already held takes this expiry (or loses its own when none is given) */
            expiresAt?: string | null;
        };
        BulkResult: {
            /** @description users the action applied to (already in the target state counts) */
            succeeded: number;
            failed: {
                /** Format: uuid */
                userId: string;
                status: number;
                detail: string;
            }[];
        };
        UpdateUser: {
            /** @description Unique per tenant after normalization (NFKC, then case folding); kept as typed. No invisible or direction-control characters, no mix of look-alike scripts. */
            username?: string;
            name?: string | null;
            email?: string | null;
            mobilePhone?: string | null;
            externalId?: string | null;
            isActive?: boolean;
        };
        SetUserPassword: {
            password: string;
        };
        ImportStarted: {
            /** Format: uuid */
            importId: string;
            /** @description the job that moves the import on, readable at `GET /jobs/:jobId` (the import itself, with its errors, stays the full account of it) */
            jobId: string;
        };
        ImportSummary: {
            /** Format: uuid */
            id: string;
            /**
             * @description queued → validating → validated (a dry run, waiting for apply) → applying → completed; or failed (`failure` says why) or cancelled
             * @enum {string}
             */
            state: "queued" | "validating" | "validated" | "applying" | "completed" | "failed" | "cancelled";
            dryRun: boolean;
            /** @enum {string} */
            format: "csv" | "jsonl";
            /** @description the size of the file uploaded */
            sizeBytes: number;
            /** @description rows in the file (known once validated) */
            total: number;
            /** @description rows handled in the current phase: read while validating, applied while applying */
            processed: number;
            /** @description users the import creates (predicted by the check, then done by the apply) */
            created: number;
            /** @description existing users it changes: a given field differs, or a group or role is added */
            updated: number;
            /** @description rows that change nothing */
            unchanged: number;
            /** @description rows with an error: never written */
            failed: number;
            /** @description how the tenant’s internal and external licensed users move once the import is applied */
            licenseEffect: {
                internal: number;
                external: number;
            };
            /** @description apply batches, each one transaction; batches applied before a cancel or failure stay applied */
            batches: {
                applied: number;
                total: number;
            };
            /** @description who started the import (the audit actor) */
            actor: {
                kind: string;
                id: string | null;
            };
            /** @description why the import failed, when it did */
            failure?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            finishedAt: string | null;
        };
        Import: {
            /** Format: uuid */
            id: string;
            /**
             * @description queued → validating → validated (a dry run, waiting for apply) → applying → completed; or failed (`failure` says why) or cancelled
             * @enum {string}
             */
            state: "queued" | "validating" | "validated" | "applying" | "completed" | "failed" | "cancelled";
            dryRun: boolean;
            /** @enum {string} */
            format: "csv" | "jsonl";
            /** @description the size of the file uploaded */
            sizeBytes: number;
            /** @description rows in the file (known once validated) */
            total: number;
            /** @description rows handled in the current phase: read while validating, applied while applying */
            processed: number;
            /** @description users the import creates (predicted by the check, then done by the apply) */
            created: number;
            /** @description existing users it changes: a given field differs, or a group or role is added */
            updated: number;
            /** @description rows that change nothing */
            unchanged: number;
            /** @description rows with an error: never written */
            failed: number;
            /** @description how the tenant’s internal and external licensed users move once the import is applied */
            licenseEffect: {
                internal: number;
                external: number;
            };
            /** @description apply batches, each one transaction; batches applied before a cancel or failure stay applied */
            batches: {
                applied: number;
                total: number;
            };
            /** @description who started the import (the audit actor) */
            actor: {
                kind: string;
                id: string | null;
            };
            /** @description why the import failed, when it did */
            failure?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            finishedAt: string | null;
            /** @description the first 1000 errors in line order; GET …/errors?format=csv has them all */
            errors: components["schemas"]["ImportError"][];
            /** @description true when there are more than 1000 errors */
            errorsTruncated: boolean;
        };
        ImportError: {
            /** @description the line of the file (in a CSV file, line 1 is the header) */
            line: number;
            /** @description the column, or null for the row (or file) as a whole */
            field: string | null;
            message: string;
        };
        CreateGroup: {
            name: string;
            description?: string;
        };
        /**
         * @example {
         *       "id": "c2f8a5d6-1e9b-4d7c-8a3f-5b6e0d9c2a58",
         *       "tenantId": "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34",
         *       "name": "Plant operators",
         *       "description": "Everyone on shift in sector 7G",
         *       "memberCount": 12,
         *       "createdAt": "2026-01-15T09:00:00.000Z",
         *       "updatedAt": "2026-01-15T09:00:00.000Z"
         *     }
         */
        Group: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            description: string;
            memberCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateGroup: {
            name?: string;
            description?: string;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "key": "console.operator",
         *           "name": "Operator",
         *           "applicationKey": "console",
         *           "sources": [
         *             {
         *               "type": "direct"
         *             },
         *             {
         *               "type": "group",
         *               "groupId": "c2f8a5d6-1e9b-4d7c-8a3f-5b6e0d9c2a58",
         *               "groupName": "Plant operators"
         *             }
         *           ]
         *         },
         *         {
         *           "key": "console.supervisor",
         *           "name": "Supervisor",
         *           "applicationKey": "console",
         *           "sources": [
         *             {
         *               "type": "direct",
         *               "expiresAt": "2026-03-31T18:00:00.000Z"
         *             }
         *           ]
         *         }
         *       ],
         *       "suspended": false
         *     }
         */
        EffectiveRoles: {
            items: {
                key: string;
                name: string;
                applicationKey: string;
                /** @description direct first, then each group by name; only grants in force (expired ones count for nothing) */
                sources: ({
                    /** @enum {string} */
                    type: "direct";
                    /**
                     * Format: date-time
                     * @description when this grant stops counting (it counts for nothing from that instant on); absent: never
                     */
                    expiresAt?: string;
                } | {
                    /** @enum {string} */
                    type: "group";
                    /** Format: uuid */
                    groupId: string;
                    groupName: string;
                    /**
                     * Format: date-time
                     * @description when this grant stops counting (it counts for nothing from that instant on); absent: never
                     */
                    expiresAt?: string;
                })[];
            }[];
            /** @description true while the user is inactive: items is empty, every grant is kept */
            suspended: boolean;
            /** @description only while suspended: the roles (with their sources) that activating the user gives back */
            restoredOnActivation?: {
                key: string;
                name: string;
                applicationKey: string;
                /** @description direct first, then each group by name; only grants in force (expired ones count for nothing) */
                sources: ({
                    /** @enum {string} */
                    type: "direct";
                    /**
                     * Format: date-time
                     * @description when this grant stops counting (it counts for nothing from that instant on); absent: never
                     */
                    expiresAt?: string;
                } | {
                    /** @enum {string} */
                    type: "group";
                    /** Format: uuid */
                    groupId: string;
                    groupName: string;
                    /**
                     * Format: date-time
                     * @description when this grant stops counting (it counts for nothing from that instant on); absent: never
                     */
                    expiresAt?: string;
                })[];
            }[];
        };
        /**
         * @example {
         *       "expiresAt": "2026-03-31T18:00:00Z"
         *     }
         */
        GrantTerms: {
            /** @description when the grant stops counting, ISO 8601 and in the future (else 400); null or absent: it never expires */
            expiresAt?: string | null;
        };
        RoleCheck: {
            granted: boolean;
        };
        GrantedRoles: {
            items: components["schemas"]["GrantedRole"][];
        };
        GrantedRole: {
            key: string;
            name: string;
            description: string;
            applicationKey: string;
            /** @description an inactive role keeps its grants but grants nothing */
            isActive: boolean;
            /**
             * Format: date-time
             * @description when this grant stops counting (it counts for nothing from that instant on); absent: never
             */
            expiresAt?: string;
        };
        EndUserLogin: {
            username: string;
            password: string;
        };
        EndUserSession: {
            /** @description a JWT (EdDSA, signed with a key of this tenant) with sub = user id, tid = tenant id, roles = effective role keys, iss = TOKEN_ISSUER and aud = the keys of the applications declared in the tenant’s environment (empty while there are none) */
            accessToken: string;
            /** Format: date-time */
            expiresAt: string;
            user: components["schemas"]["User"];
            roles: string[];
        };
        JsonWebKeySet: {
            keys: {
                [key: string]: unknown;
            }[];
        };
        LoginAttempt: {
            /** Format: date-time */
            at: string;
            /**
             * @description blocked-user: refused because this username is blocked from this address; blocked-ip: the address is blocked; throttled-user: the username is held back briefly from every address (its ceiling of failures across addresses was reached)
             * @enum {string}
             */
            result: "logged-in" | "invalid-user" | "invalid-password" | "inactive-user" | "blocked-user" | "blocked-ip" | "throttled-user";
            ip: string;
        };
        UserLoginBlockStatus: {
            /** @description Whether logins of this user are refused now from some address */
            blocked: boolean;
            /** @description When the last of its blocks ends; null when not blocked */
            until: string | null;
            blocks: components["schemas"]["LoginBlock"][];
        };
        LoginBlock: {
            /** @description Names the block for DELETE /tenants/{tenantId}/login-blocks/{blockId} */
            id: string;
            /**
             * @description address: every login from the address; user-address: one username from one address; username: one username from every address, briefly (its ceiling of failures across addresses was reached)
             * @enum {string}
             */
            kind: "address" | "user-address" | "username";
            /** @description The client address; null for a username block */
            address: string | null;
            /** @description The user the username belongs to; null for an address or an unknown name */
            userId: string | null;
            /** @description That user’s username now; null when no known user */
            username: string | null;
            /**
             * Format: date-time
             * @description When the block ends unless lifted (a further failure may extend it)
             */
            until: string;
        };
        AuditEvent: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            at: string;
            /**
             * @description lifecycle-policy: a dormant-user policy (actorId: the environment’s policy or a tenant’s override)
             * @enum {string}
             */
            actorType: "operator" | "api-key" | "scim-token" | "lifecycle-policy" | "system";
            actorId: string | null;
            /** @description the operator’s username or the API key’s name today (a policy: “Dormant-user policy of …”); null once the actor is deleted */
            actorName: string | null;
            action: string;
            targetType: string;
            /** Format: uuid */
            targetId: string;
            tenantId: string | null;
            before: {
                [key: string]: unknown;
            } | null;
            after: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * @example {
         *       "environmentId": "3c6d2e41-8a7b-4f19-b0c2-7e5d9a1f4c22",
         *       "kind": "production",
         *       "internal": 48,
         *       "external": 1250,
         *       "named": 1298,
         *       "anonymous": 310,
         *       "inactive": 27,
         *       "computedAt": "2026-03-04T06:00:00.000Z"
         *     }
         */
        EnvironmentUsage: {
            /** Format: uuid */
            environmentId: string;
            /** @enum {string} */
            kind: "production" | "non-production";
            internal: number | null;
            external: number | null;
            named: number | null;
            anonymous: number | null;
            inactive: number | null;
            /** @description when the counted data was read (the oldest read of an account total); null before the first count */
            computedAt: string | null;
        };
        /**
         * @example {
         *       "accountId": "0b8f3c1e-5d2a-4c6b-9e71-2f4a8d6c3b10",
         *       "model": "internal-external",
         *       "aggregation": "sum",
         *       "internal": 48,
         *       "external": 1250,
         *       "named": 1298,
         *       "limits": {
         *         "internal": 500,
         *         "external": 20000,
         *         "named": null
         *       },
         *       "status": {
         *         "internal": "ok",
         *         "external": "ok",
         *         "named": null
         *       },
         *       "environments": [
         *         {
         *           "environmentId": "3c6d2e41-8a7b-4f19-b0c2-7e5d9a1f4c22",
         *           "name": "Production",
         *           "internal": 48,
         *           "external": 1250,
         *           "named": 1298
         *         }
         *       ],
         *       "computedAt": "2026-03-04T06:00:00.000Z"
         *     }
         */
        AccountUsage: {
            /** Format: uuid */
            accountId: string;
            /** @enum {string} */
            model: "internal-external" | "named";
            /** @enum {string} */
            aggregation: "sum" | "unique";
            internal: number | null;
            external: number | null;
            named: number | null;
            limits: {
                internal: number | null;
                external: number | null;
                named: number | null;
            };
            status: {
                internal: ("ok" | "warning" | "exceeded") | null;
                external: ("ok" | "warning" | "exceeded") | null;
                named: ("ok" | "warning" | "exceeded") | null;
            };
            /** @description production environments only */
            environments: {
                /** Format: uuid */
                environmentId: string;
                /** @description null once the environment is deleted */
                name: string | null;
                internal: number;
                external: number;
                named: number;
            }[];
            /** @description when the counted data was read (the oldest read of an account total); null before the first count */
            computedAt: string | null;
        };
        EnvironmentUsageList: {
            items: components["schemas"]["NamedEnvironmentUsage"][];
        };
        NamedEnvironmentUsage: {
            /** Format: uuid */
            environmentId: string;
            /** @enum {string} */
            kind: "production" | "non-production";
            internal: number | null;
            external: number | null;
            named: number | null;
            anonymous: number | null;
            inactive: number | null;
            /** @description when the counted data was read (the oldest read of an account total); null before the first count */
            computedAt: string | null;
            name: string;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "at": "2026-03-03T00:00:00.000Z",
         *           "internal": 47,
         *           "external": 1244,
         *           "named": 1291
         *         },
         *         {
         *           "at": "2026-03-04T00:00:00.000Z",
         *           "internal": 48,
         *           "external": 1250,
         *           "named": 1298
         *         }
         *       ]
         *     }
         */
        UsageHistory: {
            items: {
                /**
                 * Format: date-time
                 * @description the start of the bucket (UTC)
                 */
                at: string;
                /** @description the peak in the bucket */
                internal: number;
                external: number;
                named: number;
            }[];
        };
        RecountAccepted: {
            /** @description follow it with GET /jobs/{jobId} */
            jobId: string;
        };
        /**
         * @example {
         *       "aggregation": "sum",
         *       "attribution": "Each tenant counts its own active users. Under aggregation \"sum\" every record counts, so the counts of the production tenants add up to the account total.",
         *       "items": [
         *         {
         *           "tenantId": "6a1e9d73-2c4b-4a8e-9f05-1b3c7d2e8f34",
         *           "name": "Contoso",
         *           "environment": {
         *             "id": "3c6d2e41-8a7b-4f19-b0c2-7e5d9a1f4c22",
         *             "name": "Production",
         *             "kind": "production"
         *           },
         *           "internal": 12,
         *           "external": 340,
         *           "named": 352,
         *           "anonymous": 0,
         *           "inactive": 4,
         *           "changedAt": "2026-03-04T05:45:00.000Z",
         *           "computedAt": "2026-03-04T06:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        TenantUsageList: {
            items: components["schemas"]["TenantUsage"][];
            nextCursor: string | null;
            total?: number;
            /**
             * @description how the account total counts a person with several records
             * @enum {string}
             */
            aggregation: "sum" | "unique";
            /** @description how a person counted in several tenants is attributed, and how the tenants relate to the total */
            attribution: string;
        };
        TenantUsage: {
            /** Format: uuid */
            tenantId: string;
            name: string;
            environment: {
                /** Format: uuid */
                id: string;
                name: string;
                /** @enum {string} */
                kind: "production" | "non-production";
            };
            internal: number | null;
            external: number | null;
            named: number | null;
            anonymous: number | null;
            inactive: number | null;
            /** @description since when these counts hold; null before the first count */
            changedAt: string | null;
            /** @description when the newest count that found them read the data; null before the first count */
            computedAt: string | null;
        };
        CreateWebhook: {
            /**
             * Format: uri
             * @description http or https; where the events are POSTed
             */
            url: string;
            /** @default  */
            description: string;
            eventTypes: ("roster.user.created" | "roster.user.updated" | "roster.user.activated" | "roster.user.deactivated" | "roster.user.deleted" | "roster.user.password.changed" | "roster.user.blocked" | "roster.user.role.granted" | "roster.user.role.revoked" | "roster.group.created" | "roster.group.updated" | "roster.group.deleted" | "roster.group.member.added" | "roster.group.member.removed" | "roster.group.role.granted" | "roster.group.role.revoked" | "roster.application.declared" | "roster.tenant.created" | "roster.tenant.updated" | "roster.tenant.deleted" | "roster.tenant.internal-domains.replaced" | "roster.environment.created" | "roster.environment.updated" | "roster.environment.deleted" | "roster.environment.internal-domains.replaced" | "roster.usage.snapshot" | "roster.usage.limit.changed" | "roster.usage.statement.closed")[];
            /**
             * @description Only these tenants’ events (account-level events are then not sent); null or absent: every event
             * @default null
             */
            tenantIds: string[] | null;
            /** @default true */
            enabled: boolean;
        };
        CreatedWebhook: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            url: string;
            description: string;
            eventTypes: ("roster.user.created" | "roster.user.updated" | "roster.user.activated" | "roster.user.deactivated" | "roster.user.deleted" | "roster.user.password.changed" | "roster.user.blocked" | "roster.user.role.granted" | "roster.user.role.revoked" | "roster.group.created" | "roster.group.updated" | "roster.group.deleted" | "roster.group.member.added" | "roster.group.member.removed" | "roster.group.role.granted" | "roster.group.role.revoked" | "roster.application.declared" | "roster.tenant.created" | "roster.tenant.updated" | "roster.tenant.deleted" | "roster.tenant.internal-domains.replaced" | "roster.environment.created" | "roster.environment.updated" | "roster.environment.deleted" | "roster.environment.internal-domains.replaced" | "roster.usage.snapshot" | "roster.usage.limit.changed" | "roster.usage.statement.closed")[];
            tenantIds: string[] | null;
            enabled: boolean;
            /** @description Why Roster disabled the endpoint (its deliveries kept failing); cleared when it is enabled again */
            disabledReason: string | null;
            /** @description After a rotation: until when the previous secret still signs beside the new one */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The signing secret (`whsec_` + base64), shown only in this response: store it now */
            secret: string;
        };
        Webhook: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            url: string;
            description: string;
            eventTypes: ("roster.user.created" | "roster.user.updated" | "roster.user.activated" | "roster.user.deactivated" | "roster.user.deleted" | "roster.user.password.changed" | "roster.user.blocked" | "roster.user.role.granted" | "roster.user.role.revoked" | "roster.group.created" | "roster.group.updated" | "roster.group.deleted" | "roster.group.member.added" | "roster.group.member.removed" | "roster.group.role.granted" | "roster.group.role.revoked" | "roster.application.declared" | "roster.tenant.created" | "roster.tenant.updated" | "roster.tenant.deleted" | "roster.tenant.internal-domains.replaced" | "roster.environment.created" | "roster.environment.updated" | "roster.environment.deleted" | "roster.environment.internal-domains.replaced" | "roster.usage.snapshot" | "roster.usage.limit.changed" | "roster.usage.statement.closed")[];
            tenantIds: string[] | null;
            enabled: boolean;
            /** @description Why Roster disabled the endpoint (its deliveries kept failing); cleared when it is enabled again */
            disabledReason: string | null;
            /** @description After a rotation: until when the previous secret still signs beside the new one */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateWebhook: {
            /**
             * Format: uri
             * @description http or https; where the events are POSTed
             */
            url?: string;
            description?: string;
            eventTypes?: ("roster.user.created" | "roster.user.updated" | "roster.user.activated" | "roster.user.deactivated" | "roster.user.deleted" | "roster.user.password.changed" | "roster.user.blocked" | "roster.user.role.granted" | "roster.user.role.revoked" | "roster.group.created" | "roster.group.updated" | "roster.group.deleted" | "roster.group.member.added" | "roster.group.member.removed" | "roster.group.role.granted" | "roster.group.role.revoked" | "roster.application.declared" | "roster.tenant.created" | "roster.tenant.updated" | "roster.tenant.deleted" | "roster.tenant.internal-domains.replaced" | "roster.environment.created" | "roster.environment.updated" | "roster.environment.deleted" | "roster.environment.internal-domains.replaced" | "roster.usage.snapshot" | "roster.usage.limit.changed" | "roster.usage.statement.closed")[];
            /** @description Only these tenants’ events (account-level events are then not sent); null or absent: every event */
            tenantIds?: string[] | null;
            enabled?: boolean;
        };
        WebhookSecret: {
            /** @description The signing secret (`whsec_` + base64), shown only in this response: store it now */
            secret: string;
        };
        /** @description The delivery is queued; follow it in the delivery log */
        WebhookDeliveryQueued: {
            /** Format: uuid */
            messageId: string;
            /** Format: uuid */
            eventId: string;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            eventId: string;
            eventType: string;
            /** Format: date-time */
            at: string;
            /** @description 1 for the first attempt of this delivery, then each retry */
            attempt: number;
            /** @enum {string} */
            status: "succeeded" | "failed";
            /** @description The receiver’s HTTP status; null when none came */
            responseStatus: number | null;
            durationMs: number;
            /** @description Why the attempt failed, as a person can act on it */
            error: string | null;
            /** @description The start of the receiver’s response body (1 KiB at most) */
            responseExcerpt: string | null;
        };
        UsageStatementSummary: {
            /**
             * Format: uuid
             * @description Also the id of its usage.statement.closed event
             */
            id: string;
            period: {
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
            };
            /** Format: date-time */
            closedAt: string;
            account: {
                internal: components["schemas"]["StatementFigures"];
                external: components["schemas"]["StatementFigures"];
                named: components["schemas"]["StatementFigures"];
            };
        };
        /** @description null where no snapshot covers any of the period */
        StatementFigures: {
            peak: number | null;
            /** @description Exceeded during at most 5 % of the covered time */
            p95: number | null;
            /** @description Weighted by how long each value held; 2 decimals */
            average: number | null;
            /** @description In force when the period ended */
            end: number | null;
        };
        UsageStatement: {
            /**
             * Format: uuid
             * @description Also the id of its usage.statement.closed event
             */
            id: string;
            /** Format: uuid */
            accountId: string;
            period: {
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
            };
            /** Format: date-time */
            closedAt: string;
            billingDay: number;
            /** @enum {string} */
            model: "internal-external" | "named";
            /** @enum {string} */
            aggregation: "sum" | "unique";
            /** @description In force at the end of the period */
            limits: {
                internal: number | null;
                external: number | null;
                named: number | null;
            } | null;
            /** @description At the end of the period */
            status: {
                internal: ("ok" | "warning" | "exceeded") | null;
                external: ("ok" | "warning" | "exceeded") | null;
                named: ("ok" | "warning" | "exceeded") | null;
            } | null;
            account: {
                internal: components["schemas"]["StatementFigures"];
                external: components["schemas"]["StatementFigures"];
                named: components["schemas"]["StatementFigures"];
            };
            environments: {
                /** Format: uuid */
                environmentId: string;
                name: string | null;
                internal: components["schemas"]["StatementFigures"];
                external: components["schemas"]["StatementFigures"];
                named: components["schemas"]["StatementFigures"];
            }[];
            /** @description Each client tenant of a production environment with a licensed user during the period (deleted ones included), by name; empty in statements closed before per-tenant counts existed */
            tenants: {
                /** Format: uuid */
                tenantId: string;
                /** Format: uuid */
                environmentId: string;
                /** @description as last counted in the period */
                name: string;
                internal: components["schemas"]["StatementFigures"];
                external: components["schemas"]["StatementFigures"];
                named: components["schemas"]["StatementFigures"];
            }[];
        };
        /**
         * @example {
         *       "id": "4e0c7a9b-2d5f-4b8e-a3c1-9f6d8b2e5a70",
         *       "name": "usage.recount-account",
         *       "state": "waiting",
         *       "progress": 0,
         *       "result": null,
         *       "failedReason": null
         *     }
         */
        Job: {
            id: string;
            name: string;
            /** @enum {string} */
            state: "waiting" | "active" | "completed" | "failed";
            /** @description a number (percent) or an object, as the job reports it */
            progress: unknown;
            /** @description the job’s return value once completed, else null */
            result: unknown;
            failedReason: string | null;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            /** @enum {string} */
            database: "up" | "down";
            /** @enum {string} */
            redis: "up" | "down";
            /** @description Job counts per queue; null while Redis is down or the counts did not arrive within a second */
            queues?: {
                [key: string]: components["schemas"]["QueueCounts"];
            } | null;
        };
        /** @description Jobs per state in one queue (BullMQ getJobCounts) */
        QueueCounts: {
            waiting: number;
            active: number;
            delayed: number;
            failed: number;
            completed: number;
        };
        Liveness: {
            /** @enum {string} */
            status: "ok";
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "not-ready";
            /** @enum {string} */
            database: "up" | "down";
            /** @enum {string} */
            redis: "up" | "down";
            /**
             * @description unknown while the migrations table cannot be read (the database is down or slow)
             * @enum {string}
             */
            migrations: "up-to-date" | "pending" | "unknown";
            /** @description The migrations not run yet, while there are any */
            pendingMigrations?: string[];
            /**
             * @description Present once the process received a stop signal
             * @enum {boolean}
             */
            shuttingDown?: true;
        };
        CreateScimToken: {
            /** @description What the token is for, such as "Entra ID"; unique in the tenant, ignoring case */
            name: string;
        };
        CreatedScimToken: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            /** @description The first characters of the token, to tell tokens apart */
            tokenPrefix: string;
            /** Format: date-time */
            createdAt: string;
            lastUsedAt: string | null;
            /** @description The secret token to paste into the identity provider; shown only here */
            token: string;
        };
        ScimToken: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            /** @description The first characters of the token, to tell tokens apart */
            tokenPrefix: string;
            /** Format: date-time */
            createdAt: string;
            lastUsedAt: string | null;
        };
        ScimRequests: {
            items: components["schemas"]["ScimRequest"][];
        };
        ScimRequest: {
            /** Format: date-time */
            at: string;
            method: string;
            /** @description Below the tenant’s SCIM base URL, with the query (a query is cut at 500 characters) */
            path: string;
            status: number;
            /** @description The SCIM error type, when the request failed with one */
            scimType?: string;
            /** @description What the error said */
            detail?: string;
            /**
             * Format: uuid
             * @description The SCIM token the request was authenticated with
             */
            tokenId: string;
            /** @description That token’s name; null once it was revoked */
            tokenName: string | null;
            durationMs: number;
            /** @description How many operations a Bulk request carried */
            operations?: number;
        };
        EnvironmentLifecyclePolicy: {
            /** Format: uuid */
            environmentId: string;
            /** @description "environment" when the environment has a policy, else null */
            source: ("environment" | "tenant") | null;
            policy: components["schemas"]["LifecyclePolicy"] | null;
        };
        LifecyclePolicy: {
            /**
             * Format: uuid
             * @description the actor of the changes the policy makes (audit `actorType: "lifecycle-policy"`)
             */
            id: string;
            deactivateAfterDays: number;
            deleteAfterDays: number | null;
            /** @description groups that still exist (a deleted group drops out) */
            exceptGroupIds: string[];
            exceptRoleKeys: string[];
            enabled: boolean;
            /** Format: date-time */
            updatedAt: string;
        };
        LifecyclePolicyInput: {
            /** @description an active registered user whose last login — or, never logged in, whose creation — is more than this many days (of 24 hours) ago is deactivated */
            deactivateAfterDays: number;
            /** @description absent or null: never delete. Else a user this policy deactivated at least this many days ago, still inactive and changed by nobody since, last seen more than deactivateAfterDays + deleteAfterDays days ago, is deleted. Users deactivated by anyone else are never deleted by a policy. */
            deleteAfterDays?: number | null;
            /** @description tenant overrides only (groups belong to tenants): members of these groups are never touched */
            exceptGroupIds?: string[];
            /** @description roles of the environment: their holders, directly or through a group, are never touched */
            exceptRoleKeys?: string[];
            /** @description a disabled policy is kept but never runs */
            enabled: boolean;
        };
        LifecyclePreview: {
            source: ("environment" | "tenant") | null;
            policy: components["schemas"]["LifecyclePolicy"];
            /**
             * Format: date-time
             * @description the instant the days are counted back from
             */
            asOf: string;
            deactivate: {
                count: number;
                /** @description the first 100 users to deactivate, longest unseen first */
                users: components["schemas"]["LifecyclePreviewUser"][];
            };
            delete: {
                count: number;
                /** @description the first 100 users to delete, longest unseen first */
                users: components["schemas"]["LifecyclePreviewUser"][];
            };
            /** @description how much the account’s licensed totals drop once the users are deactivated: production environments only, under the account’s aggregation (with `unique` a person keeps their seat while another record of theirs stays active, and one left with only external records moves from internal to external: external may then be negative). null for tenant-admins, who do not see the account’s usage. */
            seatsSaved: {
                internal: number;
                external: number;
                named: number;
            } | null;
            /** @description each tenant where the policy would do something, most seats freed first */
            perTenant: {
                /** Format: uuid */
                tenantId: string;
                name: string;
                deactivate: number;
                delete: number;
                /** @description seats freed in the tenant’s own counts */
                internal: number;
                external: number;
            }[];
            /** @description environment previews: tenants with an override of their own, which this policy does not touch */
            overridingTenants?: {
                /** Format: uuid */
                tenantId: string;
                name: string;
            }[];
        };
        LifecyclePreviewUser: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            username: string;
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description users to delete: when the policy deactivated them
             */
            deactivatedAt?: string;
        };
        LifecycleRun: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            tenantName: string | null;
            /** Format: uuid */
            environmentId: string;
            /** Format: uuid */
            policyId: string;
            /** @enum {string} */
            policySource: "environment" | "tenant";
            /** @description the rules the run applied */
            policy: {
                deactivateAfterDays: number;
                deleteAfterDays: number | null;
                exceptGroupIds: string[];
                exceptRoleKeys: string[];
                enabled: boolean;
            };
            /** @enum {string} */
            trigger: "schedule" | "request";
            /** Format: date-time */
            asOf: string;
            /** Format: date-time */
            startedAt: string;
            /** @description null while it runs */
            finishedAt: string | null;
            deactivated: number;
            deleted: number;
            failure: string | null;
        };
        LifecycleRunAccepted: {
            jobId: string;
        };
        TenantLifecyclePolicy: {
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            environmentId: string;
            /** @description where the policy in effect comes from: the tenant’s own override, its environment, or null (none) */
            source: ("environment" | "tenant") | null;
            /** @description the policy in effect */
            policy: components["schemas"]["LifecyclePolicy"] | null;
            /** @description the environment’s policy: what the tenant follows without (or after deleting) an override */
            environmentPolicy: components["schemas"]["LifecyclePolicy"] | null;
        };
        /** @description A CloudEvents 1.0 event. `id` is unique per event and equals the `webhook-id` header: deduplicate on it. For a change, it is also the id of its audit event. */
        WebhookEvent: {
            /** @constant */
            specversion: "1.0";
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "roster.user.created" | "roster.user.updated" | "roster.user.activated" | "roster.user.deactivated" | "roster.user.deleted" | "roster.user.password.changed" | "roster.user.blocked" | "roster.user.role.granted" | "roster.user.role.revoked" | "roster.group.created" | "roster.group.updated" | "roster.group.deleted" | "roster.group.member.added" | "roster.group.member.removed" | "roster.group.role.granted" | "roster.group.role.revoked" | "roster.application.declared" | "roster.tenant.created" | "roster.tenant.updated" | "roster.tenant.deleted" | "roster.tenant.internal-domains.replaced" | "roster.environment.created" | "roster.environment.updated" | "roster.environment.deleted" | "roster.environment.internal-domains.replaced" | "roster.usage.snapshot" | "roster.usage.limit.changed" | "roster.usage.statement.closed" | "roster.ping";
            /** @description `/accounts/{id}`, with `/tenants/{id}` or `/environments/{id}` below it */
            source: string;
            /** @description What the event is about, e.g. `users/{id}` */
            subject: string;
            /** Format: date-time */
            time: string;
            /** @constant */
            datacontenttype: "application/json";
            /** @description For a change: `accountId`, `environmentId`, `tenantId`, `actor` ({kind, id}), and `before` and `after` as the audit trail records them (null for a creation’s before and a deletion’s after). */
            data: {
                [key: string]: unknown;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    loginOperator: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorLogin"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorSession"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown username or wrong password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many failed logins; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The brute-force counters (Redis) cannot be reached; try again shortly */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logoutOperator: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token no longer works */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The platform admin sees every account; everyone else their own */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Account"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAccount"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An account with this name already exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAccount"];
            };
        };
        responses: {
            /** @description Owners may rename; only the platform admin changes the subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The platform admin renamed the account onto another account’s name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOperators: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Operator"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOperator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOperator"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operator"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The username is not available */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOperator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operatorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operator"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOperator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operatorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The operator’s sessions stop working at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This is the account’s last owner */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOperator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operatorId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOperator"];
            };
        };
        responses: {
            /** @description A new password ends the operator’s sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operator"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The username is not available, or the account’s last owner would be demoted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ApiKey"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description `key` is shown only in this response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account has an API key with this name already (`errors[]` names the field) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiKeyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key stops working at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEnvironments: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tenant-admins see the environments holding their tenants */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Environment"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEnvironment"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An environment with this name already exists in the account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused with 409 while the environment has tenants */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The environment still has tenants */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEnvironment"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An environment with this name already exists in the account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEnvironmentInternalDomains: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalDomainList"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceEnvironmentInternalDomains: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InternalDomains"];
            };
        };
        responses: {
            /** @description Replaces the list: lower-cased, de-duplicated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalDomainList"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    declareApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
                applicationKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclareApplication"];
            };
        };
        responses: {
            /** @description The application’s roles were re-declared */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            /** @description The application was declared for the first time */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A role key belongs to another application of the environment */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApplications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationList"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every role of the environment, inactive ones included */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleList"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tenant-admins see only their tenants */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Tenant"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenant"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A tenant with this name already exists in the environment */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deletes the tenant’s users, groups and grants with it */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenant"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A tenant with this name already exists in the environment */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantInternalDomains: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalDomainList"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceTenantInternalDomains: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InternalDomains"];
            };
        };
        responses: {
            /** @description Replaces the client’s own domains: lower-cased, de-duplicated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalDomainList"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    countUsers: {
        parameters: {
            query?: {
                /** @description case-insensitive substring of username, name or email */
                search?: string;
                isActive?: "true" | "false";
                kind?: "registered" | "anonymous";
                /** @description licensing class of the users (internal, external, anonymous or inactive), or several separated by commas: users of any of them */
                licenseClass?: string;
                groupId?: string;
                roleKey?: string;
                /** @description with roleKey: only users granted the role directly, or only through a group */
                roleSource?: "direct" | "group";
                /** @description users who last logged in before this instant (exclusive) **or never logged in**. ISO 8601 date-time with a time zone, e.g. `2025-01-31T00:00:00Z`. */
                lastLoginBefore?: string;
                /** @description users who last logged in at or after this instant (inclusive); users who never logged in are left out. ISO 8601 date-time with a time zone. With lastLoginBefore it must be earlier (else 400). */
                lastLoginAfter?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One count over the tenant’s indexes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserCount"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUserByUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the username, percent-encoded; compared as uniqueness compares them (NFKC, then case folding), so `ADA`, `ada` and `ＡＤＡ` name one user */
                username: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description No user of this tenant has this username (the detail names it)
             *
             *     Not found, or not visible to the caller
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    upsertUserByUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the username, percent-encoded; compared as uniqueness compares them (NFKC, then case folding), so `ADA`, `ada` and `ＡＤＡ` name one user */
                username: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertUser"];
            };
        };
        responses: {
            /** @description The user with this username, with the given fields changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No user had this username: created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another user of the tenant has this e-mail address (ignoring case), or other requests kept creating and deleting this user meanwhile */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                /** @description case-insensitive substring of username, name or email */
                search?: string;
                isActive?: "true" | "false";
                kind?: "registered" | "anonymous";
                /** @description licensing class of the users (internal, external, anonymous or inactive), or several separated by commas: users of any of them */
                licenseClass?: string;
                groupId?: string;
                roleKey?: string;
                /** @description with roleKey: only users granted the role directly, or only through a group */
                roleSource?: "direct" | "group";
                /** @description users who last logged in before this instant (exclusive) **or never logged in**. ISO 8601 date-time with a time zone, e.g. `2025-01-31T00:00:00Z`. */
                lastLoginBefore?: string;
                /** @description users who last logged in at or after this instant (inclusive); users who never logged in are left out. ISO 8601 date-time with a time zone. With lastLoginBefore it must be earlier (else 400). */
                lastLoginAfter?: string;
                sort?: "username" | "-username" | "createdAt" | "-createdAt" | "lastLoginAt" | "-lastLoginAt";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keyset-paginated; stable across pages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUser"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A user with this username (once normalized) or e-mail address (ignoring case) exists in the tenant */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runUserBulkAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkAction"];
            };
        };
        responses: {
            /** @description One transaction; users not in this tenant fail one by one (404), the rest succeed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResult"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: {
                /** @description refuse (409) while the user holds a directly granted role (one past its expiry does not count) */
                ifNoRoles?: "true" | "false";
            };
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Permanent: memberships and grants go with the user */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user holds a directly granted role and `ifNoRoles=true` was given */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUser"];
            };
        };
        responses: {
            /** @description Giving an anonymous user personal data (with a username) makes it registered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A user with this username (once normalized) or e-mail address (ignoring case) exists in the tenant */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Suspends every role, keeps every grant; idempotent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    activateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Restores the roles the user held; idempotent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetUserPassword"];
            };
        };
        responses: {
            /** @description Stored as an argon2id hash; never returned */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user is anonymous */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listImports: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ImportSummary"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createImport: {
        parameters: {
            query?: {
                /** @description `true`: read and check the file and predict what it would do, then wait in `validated` for `POST …/apply`; `false` (default): apply it as soon as it is checked */
                dryRun?: "true" | "false";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        /** @description A CSV file (header row, then one user per line) or JSON Lines (one object per line), UTF-8, at most 512 MB (the deployment’s IMPORT_MAX_SIZE) and 2,000,000 rows. Columns (keys), any case and order: username, name, email, mobilePhone, externalId, isActive, passwordHash, groups, roles; id, kind, licenseClass, createdAt, updatedAt, lastLoginAt are accepted and ignored (an export imports back as it is). `username` is required; a column left out leaves that field of an existing user as it is, an empty value clears it. `isActive`: true/false, 1/0 or yes/no (new users: true). `passwordHash`: a bcrypt, PBKDF2-SHA256 or argon2 hash, set on new users and on users without a password (never replacing one), rehashed with argon2id at the next login; a plain `password` column is refused. `groups` (names) and `roles` (role keys): several separated by `;`, `\;` and `\\` escaping; memberships and direct grants are added, none removed. */
        requestBody: {
            content: {
                "text/csv": string;
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description Stored and queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file is over 512 MB (or the deployment’s IMPORT_MAX_SIZE); nothing is stored */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not text/csv or application/x-ndjson, or not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Import"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getImportErrors: {
        parameters: {
            query?: {
                /** @description csv (the only format): line, field, message */
                format?: "csv";
            };
            header?: never;
            path: {
                importId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV: line,field,message (a header row, then one error per row) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    applyImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The import is not `validated` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import, cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Import"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The import has finished */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportUsers: {
        parameters: {
            query?: {
                /** @description case-insensitive substring of username, name or email */
                search?: string;
                isActive?: "true" | "false";
                kind?: "registered" | "anonymous";
                /** @description licensing class of the users (internal, external, anonymous or inactive), or several separated by commas: users of any of them */
                licenseClass?: string;
                groupId?: string;
                roleKey?: string;
                /** @description with roleKey: only users granted the role directly, or only through a group */
                roleSource?: "direct" | "group";
                /** @description users who last logged in before this instant (exclusive) **or never logged in**. ISO 8601 date-time with a time zone, e.g. `2025-01-31T00:00:00Z`. */
                lastLoginBefore?: string;
                /** @description users who last logged in at or after this instant (inclusive); users who never logged in are left out. ISO 8601 date-time with a time zone. With lastLoginBefore it must be earlier (else 400). */
                lastLoginAfter?: string;
                sort?: "username" | "-username" | "createdAt" | "-createdAt" | "lastLoginAt" | "-lastLoginAt";
                /** @description `csv` (default) or `jsonl` (JSON Lines) */
                format?: "csv" | "jsonl";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, streamed as it is read (chunked), as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id,username,name,email,mobilePhone,externalId,kind,isActive,licenseClass,createdAt,updatedAt,lastLoginAt,groups,roles
                     *     0190a0b2-7c1e-7a55-9f00-3c2d1e0f4a5b,"ada","Ada Lovelace","ada@example.com","'+44 20 7946 0000",,registered,true,internal,2026-01-05T09:30:00.000Z,2026-01-05T09:30:00.000Z,,"Engineering;R&D\; Ops","crm.read"
                     */
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many exports are running on this API instance; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                /** @description case-insensitive substring of the name */
                search?: string;
                /** @description only the groups that grant this role */
                roleKey?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description By name, each with its memberCount */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Group"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroup"];
            };
        };
        responses: {
            /** @description Name unique per tenant, ignoring case */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A group with this name already exists in the tenant */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removes memberships and group grants; members lose those roles at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGroup"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A group with this name already exists in the tenant */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroupMembers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                /** @description case-insensitive substring of username, name or email */
                search?: string;
                isActive?: "true" | "false";
                kind?: "registered" | "anonymous";
                /** @description licensing class of the users (internal, external, anonymous or inactive), or several separated by commas: users of any of them */
                licenseClass?: string;
                roleKey?: string;
                /** @description with roleKey: only users granted the role directly, or only through a group */
                roleSource?: "direct" | "group";
                /** @description users who last logged in before this instant (exclusive) **or never logged in**. ISO 8601 date-time with a time zone, e.g. `2025-01-31T00:00:00Z`. */
                lastLoginBefore?: string;
                /** @description users who last logged in at or after this instant (inclusive); users who never logged in are left out. ISO 8601 date-time with a time zone. With lastLoginBefore it must be earlier (else 400). */
                lastLoginAfter?: string;
                sort?: "username" | "-username" | "createdAt" | "-createdAt" | "lastLoginAt" | "-lastLoginAt";
            };
            header?: never;
            path: {
                groupId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Users, with the filters and sorts of the users list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addGroupMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Idempotent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeGroupMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Idempotent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUserGroups: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The groups the user is in, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Group"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUserRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Effective roles with their sources */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveRoles"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    grantRoleToUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                roleKey: string;
                tenantId: string;
            };
            cookie?: never;
        };
        /** @description Optional: `{expiresAt}` makes the grant expire; no body, `{}` or `{expiresAt: null}`: never */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["GrantTerms"];
            };
        };
        responses: {
            /** @description Direct grant set; idempotent; allowed on inactive users */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeRoleFromUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                roleKey: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revokes the direct grant; idempotent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkUserRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                roleKey: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description False for inactive users and inactive roles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleCheck"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroupRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Roles granted to the group, by key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantedRoles"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    grantRoleToGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                roleKey: string;
                tenantId: string;
            };
            cookie?: never;
        };
        /** @description Optional: `{expiresAt}` makes the grant expire; no body, `{}` or `{expiresAt: null}`: never */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["GrantTerms"];
            };
        };
        responses: {
            /** @description Grants the role to every member; idempotent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeRoleFromGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                roleKey: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Idempotent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    loginEndUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndUserLogin"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndUserSession"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown user, wrong password, inactive or anonymous user: one answer for all */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Blocked; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database or the brute-force counters (Redis) failed or did not answer within a second; the attempt was not counted; try again shortly */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantJwks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Public keys that verify the tenant’s access tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JsonWebKeySet"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUserLoginAttempts: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["LoginAttempt"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unblockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lifts the blocks on the user’s username at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUserLoginBlockStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user’s blocks in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserLoginBlockStatus"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLoginBlocks: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Soonest to end first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["LoginBlock"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    liftLoginBlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blockId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The block is lifted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description No such block in force (it ended or was lifted)
             *
             *     Not found, or not visible to the caller
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description New keys sign from now on; tokens signed before stay valid */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccountAuditEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                targetId?: string;
                actorId?: string;
                /** @description exact action, or a prefix ending in "." such as "tenant." */
                action?: string;
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every change in the account, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEvent"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTenantAuditEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                targetId?: string;
                actorId?: string;
                /** @description exact action, or a prefix ending in "." such as "tenant." */
                action?: string;
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every change in the tenant, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEvent"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEnvironmentUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest count of the environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentUsage"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAccountUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest totals over the production environments, with limits and status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountUsage"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccountEnvironmentUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest count of every environment of the account, production first: the non-production ones too, which never enter the totals (billing may read this, though it may not list environments) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentUsageList"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAccountUsageHistory: {
        parameters: {
            query?: {
                /** @description default: 30 days before `to` */
                from?: string;
                /** @description default: now */
                to?: string;
                granularity?: "hour" | "day";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The peak of each bucket that holds snapshots, oldest first; at most 31 days by the hour, 366 days by the day */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageHistory"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recountAccountUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recount is queued; the fresh totals are served once the job completes */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecountAccepted"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job queue (Redis) is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTenantUsage: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                /** @description only this tenant (an empty list when the account has no such tenant) */
                tenantId?: string;
                /** @description only the tenants of this environment */
                environmentId?: string;
                /** @description only the tenants of production (or non-production) environments */
                kind?: "production" | "non-production";
                /** @description a count (tenants not counted yet come last when descending) or the name; `-` for descending */
                sort?: "name" | "-name" | "internal" | "-internal" | "external" | "-external" | "named" | "-named" | "anonymous" | "-anonymous" | "inactive" | "-inactive";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants with their latest counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantUsageList"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantUsageHistory: {
        parameters: {
            query?: {
                /** @description default: 30 days before `to` */
                from?: string;
                /** @description default: now */
                to?: string;
                granularity?: "hour" | "day";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The peak of each bucket, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageHistory"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Webhook"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhook"];
            };
        };
        responses: {
            /** @description `secret` is shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhook"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecret"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    pingWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryQueued"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
                status?: "succeeded" | "failed";
            };
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redeliverWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryQueued"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsageStatements: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["UsageStatementSummary"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUsageStatement: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                accountId: string;
                periodStart: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageStatement"];
                    "text/csv": components["schemas"]["UsageStatement"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A background job of the caller’s account: a recount’s for owner, admin and billing; an import’s for owner, admin and the tenant-admins of its tenant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job, or one of another account (or, an import’s, of a tenant outside a tenant-admin’s) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job queue (Redis) is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description A dependency is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready for traffic */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description A dependency is down, migrations are pending, or the process is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listScimTokens: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ScimToken"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createScimToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateScimToken"];
            };
        };
        responses: {
            /** @description `token` is shown only in this response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedScimToken"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant has a SCIM token with this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listScimRequests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScimRequests"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteScimToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                scimTokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token stops working at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEnvironmentLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentLifecyclePolicy"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putEnvironmentLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LifecyclePolicyInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentLifecyclePolicy"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewEnvironmentLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecyclePreview"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEnvironmentLifecycleRuns: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["LifecycleRun"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runEnvironmentLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                environmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleRunAccepted"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No policy applies, or it is disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job queue (Redis) is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantLifecyclePolicy"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putTenantLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LifecyclePolicyInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantLifecyclePolicy"];
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON: send Content-Type application/json or application/scim+json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTenantLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The override is gone (or there was none) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewTenantLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecyclePreview"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTenantLifecycleRuns: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                includeTotal?: "true" | "false";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["LifecycleRun"][];
                        nextCursor: string | null;
                        total?: number;
                    };
                };
            };
            /** @description Invalid input: `errors` names each offending field with its message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runTenantLifecyclePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleRunAccepted"];
                };
            };
            /** @description No, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No policy applies, or it is disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The job queue (Redis) is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rosterUserCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserUpdatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserActivatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserDeactivatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserDeletedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserPasswordChangedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserBlockedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserRoleGrantedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUserRoleRevokedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupUpdatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupDeletedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupMemberAddedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupMemberRemovedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupRoleGrantedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterGroupRoleRevokedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterApplicationDeclaredEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterTenantCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterTenantUpdatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterTenantDeletedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterTenantInternalDomainsReplacedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterEnvironmentCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterEnvironmentUpdatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterEnvironmentDeletedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterEnvironmentInternalDomainsReplacedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUsageSnapshotEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUsageLimitChangedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterUsageStatementClosedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rosterPingEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (deduplicate on it) */
                "webhook-id": string;
                /** @description Unix seconds when the attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for about three days, after which the endpoint is disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
