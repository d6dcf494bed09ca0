using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Nianbao.Storage;

namespace Nianbao.Web.Accounts;

/// <summary>Users and tokens over the store, with ASP.NET Core Identity's password hasher (PBKDF2, salted, versioned).</summary>
public sealed class AccountService(ReportStore store)
{
    private static readonly PasswordHasher<UserRecord> Hasher = new();

    /// <summary>Shorter passwords are refused: reviewers sign in from shared office networks.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>Claim types of a session cookie besides name and role: whose, and which stamp it was signed in with.</summary>
    public const string UserIdClaim = "nianbao:uid", StampClaim = "nianbao:stamp", MustChangeClaim = "nianbao:must-change-password";

    public long AddUser(string name, string password, string role, bool mustChangePassword = false)
    {
        name = name.Trim();
        if (name.Length is 0 or > 64) throw new StoreException("用户名不能为空，且不超过 64 个字符");
        CheckPassword(password);
        return store.Add(name, Hasher.HashPassword(new UserRecord { Name = name }, password), role, mustChangePassword);
    }

    /// <summary>Sets a user's password and ends all their sessions; <paramref name="mustChange"/> when it was chosen for them.</summary>
    public void SetPassword(string name, string password, bool mustChange = false)
    {
        CheckPassword(password);
        store.ChangePassword(name.Trim(), Hasher.HashPassword(new UserRecord { Name = name.Trim() }, password), mustChange);
    }

    /// <summary>A user's own change: the current password proves it is them. The answer is the user with the new stamp, to sign in again.</summary>
    public UserRecord ChangeOwnPassword(string name, string current, string password)
    {
        var user = store.FindUser(name);
        if (user is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, current) == PasswordVerificationResult.Failed)
            throw new StoreException("当前密码不正确");
        if (password == current) throw new StoreException("新密码不能与当前密码相同");
        SetPassword(name, password);
        return store.FindUser(name)!;
    }

    private static void CheckPassword(string password)
    {
        if (password.Length < MinPasswordLength) throw new StoreException($"密码至少 {MinPasswordLength} 位");
        if (password.Length > 256) throw new StoreException("密码不超过 256 个字符");
    }

    /// <summary>The user when the password matches; a rehash (newer hasher version) is stored on the way.</summary>
    public UserRecord? SignIn(string name, string password)
    {
        var user = store.FindUser(name.Trim());
        if (user is null)
        {
            // Same work for an unknown name, so timing does not tell which names exist.
            Hasher.VerifyHashedPassword(new UserRecord(), DummyHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        // A disabled account is refused like a wrong password: the page does not tell which names exist or are stopped.
        if (result == PasswordVerificationResult.Failed || user.Disabled) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded) store.SetPasswordHash(user.Id, Hasher.HashPassword(user, password));
        return user;
    }

    /// <summary>A new random token for a user; only its SHA-256 is stored, so it is shown once.</summary>
    public string CreateToken(string userName, string? label)
    {
        var user = store.FindUser(userName) ?? throw new StoreException($"没有这个用户：{userName}");
        var token = "nb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        store.AddToken(user.Id, Sha256(token), label);
        return token;
    }

    public UserRecord? FromToken(string token) => store.FindUserByToken(Sha256(token));

    /// <summary>
    /// A first administrator when the store has no user at all, with a random password the operator sees once on the
    /// console: the app is never writable without a password, and a new user can still start at once.
    /// </summary>
    public (string Name, string Password)? EnsureFirstAdmin()
    {
        if (store.CountUsers() > 0) return null;
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        // Shown on a console, perhaps in a log: the first sign-in must replace it.
        AddUser("admin", password, UserRoles.Admin, mustChangePassword: true);
        return ("admin", password);
    }

    /// <summary>
    /// The user as the request sees them. A cookie keeps only id and stamp as proof; <see cref="SessionValidation"/>
    /// rebuilds this from the store on every request, so the role and the password flag are always the store's.
    /// </summary>
    public static ClaimsPrincipal Principal(UserRecord user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
            new(UserIdClaim, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.MustChangePassword) claims.Add(new Claim(MustChangeClaim, "1"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static readonly string DummyHash = Hasher.HashPassword(new UserRecord(), "not-a-password");
}
