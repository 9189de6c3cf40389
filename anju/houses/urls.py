from django.urls import path

from anju.houses import views

app_name = "houses"
urlpatterns = [
    path("p/<str:token>/", views.plate_view, name="plate"),
    path("p/<str:token>/claim/", views.plate_claim_view, name="plate_claim"),
    path("landlord/", views.landlord_home_view, name="landlord_home"),
    path("landlord/verify/", views.landlord_verify_view, name="landlord_verify"),
    path("landlord/houses/new/", views.landlord_house_new_view, name="landlord_house_new"),
    path("landlord/houses/<int:pk>/", views.landlord_house_view, name="landlord_house"),
    path("houses/<int:pk>/edit/", views.house_edit_view, name="house_edit"),
    path("houses/<int:pk>/rooms/", views.room_add_view, name="room_add"),
    path("houses/<int:pk>/rooms/merge/", views.rooms_merge_view, name="rooms_merge"),
    path("houses/<int:pk>/rooms/<int:room_pk>/bind/", views.room_bind_view, name="room_bind"),
    path("houses/<int:pk>/check-in/", views.check_in_view, name="check_in"),
    path("houses/<int:pk>/check-out/<int:tenancy_pk>/", views.check_out_view, name="check_out"),
    path("houses/<int:pk>/plate.pdf", views.plate_pdf_view, name="plate_pdf"),
    path("staff/houses/", views.house_list_view, name="list"),
    path("staff/houses/new/", views.house_new_view, name="new"),
    path("staff/houses/stock/", views.housing_stock_view, name="stock"),
    path("staff/houses/claims/", views.claims_view, name="claims"),
    path("staff/houses/claims/<int:pk>/decide/", views.claim_decide_view, name="claim_decide"),
    path("staff/houses/overdue/", views.overdue_view, name="overdue"),
    path("staff/houses/export.xlsx", views.houses_export_view, name="export"),
    path("staff/houses/import/", views.houses_import_view, name="import"),
    path("staff/houses/plates.pdf", views.plates_pdf_view, name="plates_pdf"),
    path("staff/houses/<int:pk>/", views.house_detail_view, name="detail"),
    path("staff/houses/<int:pk>/plate/reissue/", views.plate_reissue_view, name="plate_reissue"),
    path("staff/houses/<int:pk>/plate/revoke/", views.plate_revoke_view, name="plate_revoke"),
]
