"""A large photo is stored downscaled, upright and without its metadata rather than refused; what
cannot be made small enough, or is no image, is refused with a message that says the limit."""

import functools
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from courses.models import LessonImage
from progress.models import Competence

RED, BLUE = (220, 20, 20), (20, 20, 220)


@functools.cache  # a heavy photo takes a second or two to make
def photo(size=(6000, 4000), *, orientation=6, noise=False, image_format="JPEG", quality=90):
    """A phone photo: red on its stored left half, blue on its right, with a GPS position and an
    orientation in its EXIF (6: shown turned a quarter clockwise, so red on top)."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    if noise:  # what makes a real photo heavy: detail a JPEG cannot compress
        grain = Image.merge("RGB", [Image.effect_noise(size, 60)] * 3)
        image = Image.blend(image, grain, 0.5)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Téléphone"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (2.0, 21.0, 7.0),
        }
    )
    buffer = io.BytesIO()
    image.save(buffer, image_format, quality=quality, exif=exif, comment=b"Chez moi")
    return buffer.getvalue()


def bomb_png(width, height):
    """A PNG that declares a huge canvas in a few bytes: decoding it would take gigabytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 4)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def assert_upright_and_clean(stored, *, longest=2000):
    with stored.open("rb") as handle, Image.open(handle) as image:
        assert max(image.size) == longest and image.height > image.width  # turned a quarter, as the phone showed it
        assert image.getexif() == {} and "exif" not in image.info and "comment" not in image.info
        rgb = image.convert("RGB")
        top, bottom = (
            rgb.getpixel((image.width // 2, image.height // 4)),
            rgb.getpixel((image.width // 2, image.height * 3 // 4)),
        )
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # red on top, blue below
        return image.format


@pytest.fixture
def competence(cohort):
    from progress.frameworks import default_files, load_framework

    qualification = next(q for q in (load_framework(path) for path in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)
    return Competence.objects.filter(block__qualification=qualification).first()


@pytest.fixture
def observe(client, trainer, trainee, cohort, competence):
    """Post an observation with a file, as the trainer of the trainee's cohort."""
    client.force_login(trainer)
    url = reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, competence.pk])
    return lambda name, content: client.post(
        url, {"action": "observe", "note": "Photo du tableau", "file": SimpleUploadedFile(name, content)}
    )


def test_a_lesson_photo_is_stored_downscaled_upright_and_without_its_gps_position(client, trainer):
    client.force_login(trainer)
    response = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile("tableau.jpg", photo())})
    assert response.status_code == 200
    stored = LessonImage.objects.get().image
    assert assert_upright_and_clean(stored) == "JPEG" and stored.name.endswith(".jpg")


def test_a_lesson_photo_heavier_than_the_limit_is_downscaled_rather_than_refused(client, trainer, settings):
    content = photo((3000, 2000), noise=True, quality=95)
    assert len(content) > settings.LESSON_IMAGE_MAX_BYTES
    client.force_login(trainer)
    response = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile("tableau.jpg", content)})
    assert response.status_code == 200
    stored = LessonImage.objects.get().image
    assert stored.size <= settings.LESSON_IMAGE_MAX_BYTES
    assert_upright_and_clean(stored)


def test_an_observation_photo_over_5_mib_is_stored_downscaled_without_metadata(observe, trainee):
    content = photo((6000, 4000), noise=True, quality=92)
    assert len(content) > 5 * 1024 * 1024
    assert observe("IMG_2024.JPG", content).status_code == 302
    stored = trainee.evidence.get(kind="observation").file
    assert stored.size <= 5 * 1024 * 1024
    assert_upright_and_clean(stored)


def test_a_small_photo_keeps_its_size_but_loses_its_gps_position(observe, trainee):
    assert observe("petit.jpg", photo((600, 400), orientation=1)).status_code == 302
    with trainee.evidence.get(kind="observation").file.open("rb") as handle, Image.open(handle) as image:
        assert image.size == (600, 400) and image.getexif() == {}


def test_a_large_transparent_png_stays_a_png(observe, trainee):
    buffer = io.BytesIO()
    Image.new("RGBA", (3000, 1000), (0, 128, 0, 100)).save(buffer, "PNG")
    assert observe("schema.png", buffer.getvalue()).status_code == 302
    stored = trainee.evidence.get(kind="observation").file
    with stored.open("rb") as handle, Image.open(handle) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (2000, 667))


def test_a_phone_mpo_photo_is_stored_as_its_main_picture(observe, trainee):
    main, preview = Image.new("RGB", (4000, 3000), RED), Image.new("RGB", (400, 300), BLUE)
    buffer = io.BytesIO()
    main.save(buffer, "MPO", save_all=True, append_images=[preview])
    assert observe("portrait.jpg", buffer.getvalue()).status_code == 302
    with trainee.evidence.get(kind="observation").file.open("rb") as handle, Image.open(handle) as image:
        assert (image.format, image.size, getattr(image, "n_frames", 1)) == ("JPEG", (2000, 1500), 1)


@pytest.mark.parametrize("width, height", [(30_000, 30_000), (8_000, 8_000)])
def test_a_decompression_bomb_is_refused_with_a_clear_message(observe, client, trainer, trainee, width, height):
    response = observe("bombe.png", bomb_png(width, height))
    assert response.status_code == 400
    assert "Image trop grande : 40 millions de pixels au plus." in response.content.decode()
    assert not trainee.evidence.exists()
    response = client.post(
        reverse("courses:image_upload"), {"upload": SimpleUploadedFile("bombe.png", bomb_png(width, height))}
    )
    assert response.status_code == 400 and "Image trop grande" in response.json()["error"]["message"]


def test_a_non_image_named_like_a_photo_is_refused(observe, client, trainee):
    response = observe("photo.jpg", b"MZ\x90\x00 pas une photo" * 100)
    assert response.status_code == 400
    assert "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    response = client.post(
        reverse("courses:image_upload"), {"upload": SimpleUploadedFile("photo.jpg", b"pas une photo")}
    )
    assert response.status_code == 400 and "n'est pas accepté" in response.json()["error"]["message"]
    assert not trainee.evidence.exists() and not LessonImage.objects.exists()


def test_a_heavy_non_image_named_like_a_photo_meets_the_files_limit_not_the_photos(observe, trainee):
    response = observe("photo.jpg", b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "Fichier trop lourd (5,0\xa0Mio) : 5,0\xa0Mio au plus." in response.content.decode()


def test_without_javascript_a_photo_over_what_the_server_receives_is_refused_on_the_page(observe, trainee, settings):
    settings.UPLOAD_MAX_BYTES = 8 * 1024 * 1024
    response = observe("tableau.jpg", photo((6000, 4000), noise=True, quality=92))
    page = response.content.decode()
    assert response.status_code == 400 and "<h1>" in page  # the learner's page again, with the message
    assert "Fichier trop lourd (13,8\xa0Mio) : 8,0\xa0Mio au plus." in page
    assert not trainee.evidence.exists()


def test_a_photo_too_heavy_even_downscaled_is_refused_with_the_limit(client, trainer, settings):
    settings.LESSON_IMAGE_MAX_BYTES = 20_000
    client.force_login(trainer)
    response = client.post(
        reverse("courses:image_upload"), {"upload": SimpleUploadedFile("a.jpg", photo((3000, 2000), noise=True))}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Image trop lourde, même réduite à 2000 pixels : 19,5\xa0Kio au plus."


def test_forms_that_take_photos_tell_the_browser_the_limits(client, trainer, trainee, cohort, competence, settings):
    client.force_login(trainer)
    page = client.get(reverse("progress:learner_detail", args=[cohort.pk, trainee.pk])).content.decode()
    assert f'data-max-request-bytes="{settings.UPLOAD_MAX_BYTES}"' in page and 'data-image-max-side="2000"' in page
    assert 'data-resized="Photo réduite avant l’envoi' in page and "js/uploads.js" in page
