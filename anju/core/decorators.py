from django.contrib.auth.decorators import user_passes_test

# Pages for residents, landlords and employers send strangers to the phone sign-in, not the staff one.
public_login_required = user_passes_test(lambda user: user.is_authenticated, login_url="accounts:public_login")
